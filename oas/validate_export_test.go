package oas

// CompileSchema lets the tests compile the reference schemas exactly as
// Validate compiles its own, so that verdicts are compared like for like.
var CompileSchema = compileSchemaData
