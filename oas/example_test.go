package oas_test

import (
	"errors"
	"fmt"

	"github.com/dashkit/dashkit/oas"
)

func ExampleImport() {
	doc, err := oas.Parse([]byte(`
openapi: 3.0.3
info: {title: Petstore, version: 1.0.0}
servers: [{url: "https://pets.example.com/v1"}]
paths:
  /pets:
    get:
      operationId: listPets
      responses: {"200": {description: the pets}}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	api, err := oas.Import(doc, oas.ImportOptions{ListenPath: "/pets/", AllowList: new(true), GatewayURL: "http://localhost:8080"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ext, _ := api.Extension()
	b, _ := ext.MarshalJSON()
	fmt.Println(string(b))
	fmt.Println(api.Servers()[0].URL)
	// Output:
	// {"info":{"name":"Petstore","state":{"active":true,"internal":false}},"upstream":{"url":"https://pets.example.com/v1"},"server":{"listenPath":{"value":"/pets/","strip":true}},"middleware":{"global":{"contextVariables":{"enabled":true},"trafficLogs":{"enabled":true}},"operations":{"listPets":{"allow":{"enabled":true}}}}}
	// http://localhost:8080/pets/
}

func ExampleImport_errors() {
	doc, _ := oas.Parse([]byte(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`))
	_, err := oas.Import(doc, oas.ImportOptions{})
	var ie *oas.ImportError
	if errors.As(err, &ie) && errors.Is(err, oas.ErrEmptyServers) {
		fmt.Printf("%s: %s\n", ie.Pointer, ie.Message)
	}
	// Output:
	// /servers: servers object is empty in OAS
}

func ExampleValidate() {
	doc, _ := oas.Parse([]byte(`{
  "openapi": "3.0.3",
  "info": {"title": "Pets", "version": "1"},
  "paths": {},
  "x-tyk-api-gateway": {
    "info": {"name": "pets", "state": {"active": "yes"}},
    "upstream": {"url": "http://pets.internal"},
    "server": {"listenPath": {"value": "/pets/"}, "colour": "blue"}
  }
}`))
	err := oas.Validate(doc, oas.Strict())
	var ve *oas.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// /x-tyk-api-gateway/info/state/active: must be boolean, not string
	// /x-tyk-api-gateway/server/colour: unknown member, not allowed here
}

func ExampleDocument_Get() {
	doc, _ := oas.Parse([]byte(`{"paths":{"/pets/{id}":{"get":{"operationId":"getPet"}}},"x-rate":1.50}`))
	id, _ := doc.Get("/paths/~1pets~1{id}/get/operationId")
	rate, _ := doc.Get("/x-rate")
	fmt.Println(id, rate)
	// Output: getPet 1.50
}
