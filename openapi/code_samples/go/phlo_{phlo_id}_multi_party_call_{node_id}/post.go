// Warm transfer with Plivo's official Go SDK (go get github.com/plivo/plivo-go/v7).
// The Go SDK does not set `action` for you: it must be "warm_transfer" (the sample on Plivo's page
// sends the misspelt "warm_tranfer" and swaps `to` and `trigger_source`). Named fields keep them apart.
// NewPhloClient reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN when given empty strings.
package main

import (
	"fmt"
	"os"

	plivo "github.com/plivo/plivo-go/v7"
)

const (
	phloId        = "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a" // your PHLO
	nodeId        = "36989807-a76f-4555-84d1-9dfdccca7a80" // its multiparty call node
	triggerSource = "12025550000"                          // U1: the agent who starts the transfer
	to            = "12025551111"                          // U3: who takes over the call
	role          = "agent"                                // U3's role on the call: "agent" or "customer"
)

func main() {
	phloClient, err := plivo.NewPhloClient("", "", &plivo.ClientOptions{})
	if err != nil {
		fail(err)
	}
	phlo, err := phloClient.Phlos.Get(phloId) // a GET of the PHLO
	if err != nil {
		fail(err)
	}
	multiPartyCall, err := phlo.MultiPartyCall(nodeId) // a GET of the node
	if err != nil {
		fail(err)
	}
	response, err := multiPartyCall.WarmTransfer(plivo.PhloMultiPartyCallActionPayload{
		Action:        "warm_transfer",
		To:            to,
		Role:          role,
		TriggerSource: triggerSource,
	})
	if err != nil {
		fail(err)
	}
	fmt.Println("Warm transfer started, api_id", response.ApiID)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "Warm transfer failed:", err)
	os.Exit(1)
}
