// Warm transfer with Plivo's official .NET SDK (dotnet add package Plivo).
// Plivo's page passes the literal string "nodeID" instead of the node id; the variable is used here.
// Note: reading phloClient.Phlo also calls Plivo's Account API, and this SDK ignores any other
// base URL, so it cannot be pointed at the local mock.
using System;
using Plivo;
using Plivo.Exception;

class WarmTransfer
{
    static void Main()
    {
        var phloId = "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a"; // your PHLO
        var nodeId = "36989807-a76f-4555-84d1-9dfdccca7a80"; // its multiparty call node
        var triggerSource = "12025550000"; // U1: the agent who starts the transfer
        var to = "12025551111"; // U3: who takes over the call
        var role = "agent"; // U3's role on the call: "agent" or "customer"

        var phloClient = new PhloApi(
            Environment.GetEnvironmentVariable("PLIVO_AUTH_ID"),
            Environment.GetEnvironmentVariable("PLIVO_AUTH_TOKEN"));
        try
        {
            var phlo = phloClient.Phlo.Get(phloId);
            var multiPartyCall = phlo.MultiPartyCall(nodeId);
            var response = multiPartyCall.WarmTransfer(triggerSource, to, role);
            Console.WriteLine($"Warm transfer started, api_id {response.ApiId}");
        }
        catch (PlivoRestException e)
        {
            Console.Error.WriteLine($"Warm transfer failed: {e.Message}");
            Environment.Exit(1);
        }
    }
}
