// Package orgtest is an in-memory Anthropic organization served over HTTP,
// for tests and examples of the Admin API, Skills and User Profiles without
// the network: users, invites, workspaces with members, rate limits and
// service accounts, API keys, service accounts, external keys, federation
// issuers and rules, compliance settings, Skills with versions, user profiles, and usage and cost reports computed from the
// usage recorded into it. It answers with the API's wire format, paging and
// error bodies (404 not_found_error for an unknown ID, 400
// invalid_request_error naming the field). The emulator (tools/emulator)
// mounts the same server, so both behave alike.
package orgtest
