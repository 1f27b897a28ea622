<?php
// Warm transfer with Plivo's official PHP SDK (composer require plivo/plivo-php).
// Plivo's page leaves $trigger_source, $to and $role undefined; they are set here.
// PhloRestClient() reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN. This SDK sends the method name as
// the action, so the method must be spelt warm_transfer; and it does not throw on HTTP errors:
// read `error` in the response.
require 'vendor/autoload.php';

use Plivo\Resources\PHLO\PhloRestClient;
use Plivo\Exceptions\PlivoRestException;

$phloId = '4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a'; // your PHLO
$nodeId = '36989807-a76f-4555-84d1-9dfdccca7a80'; // its multiparty call node
$triggerSource = '12025550000'; // U1: the agent who starts the transfer
$to = '12025551111'; // U3: who takes over the call
$role = 'agent'; // U3's role on the call: 'agent' or 'customer'

$client = new PhloRestClient();
$multiPartyCall = $client->phlo->get($phloId)->multiPartyCall()->get($nodeId);

try {
    $response = $multiPartyCall->warm_transfer($triggerSource, $to, $role);
    print_r($response);
} catch (PlivoRestException $ex) {
    fwrite(STDERR, 'Warm transfer failed: ' . $ex->getMessage() . PHP_EOL);
    exit(1);
}
