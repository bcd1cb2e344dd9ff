package model

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
)

// GatewayChannel is the Redis pub/sub channel on which gateways listen for
// the control plane's announcements.
const GatewayChannel = "tyk.cluster.notifications"

// Commands of the announcements gateways act on (the gateway's
// NotificationCommand values).
const (
	// NoticeAPIUpdated makes a gateway fetch policies and APIs again.
	NoticeAPIUpdated = "ApiUpdated"
	// NoticePolicyChanged does the same; sent when a policy changes.
	NoticePolicyChanged = "PolicyChanged"
	// NoticeKeySpaceUpdate drops the keys whose hashes the payload lists
	// (comma-separated) from a gateway's session cache.
	NoticeKeySpaceUpdate = "KeySpaceUpdateNotification"
)

// signatureSHA256 is the algorithm member of a signed notification: Go's
// crypto.SHA256, which the gateway compares against.
const signatureSHA256 = 5

// GatewayNotification is one message on GatewayChannel, as the gateway
// decodes it.
type GatewayNotification struct {
	Command   string `json:"command"`
	Payload   string `json:"payload"`
	Signature string `json:"signature"`
	// SignatureAlgo is 5 (crypto.SHA256) for a signed message.
	SignatureAlgo int `json:"algorithm"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// NewGatewayNotification returns the message command with payload, signed
// with the node secret as gateways check it:
// hex(sha256(command + payload + secret)). A gateway refuses a message
// signed with another secret.
func NewGatewayNotification(command, payload, nodeSecret string) GatewayNotification {
	return GatewayNotification{Command: command, Payload: payload,
		Signature: gatewaySignature(command, payload, nodeSecret), SignatureAlgo: signatureSHA256}
}

// Verify reports whether n is signed with nodeSecret.
func (n GatewayNotification) Verify(nodeSecret string) bool {
	return n.SignatureAlgo == signatureSHA256 &&
		subtle.ConstantTimeCompare([]byte(n.Signature), []byte(gatewaySignature(n.Command, n.Payload, nodeSecret))) == 1
}

func gatewaySignature(command, payload, secret string) string {
	sum := sha256.Sum256([]byte(command + payload + secret))
	return hex.EncodeToString(sum[:])
}
