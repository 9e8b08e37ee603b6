package client

import (
	"errors"
	"strings"
)

// AdminKeyEnv is the environment variable (and secret-file name) New reads
// the admin key from when WithAdminKey is not given.
const AdminKeyEnv = "ANTHROPIC_ADMIN_KEY"

// ErrNoAdminKey: an Admin API call (c.Organization and its sub-services, the
// usage and cost reports) was made on a client without an admin key. It is
// returned before any I/O.
var ErrNoAdminKey = errors.New("claude: this call needs an admin key (sk-ant-admin...): pass WithAdminKey or set " + AdminKeyEnv + "; a normal API key is not accepted by the Admin API")

// ErrNoAPIKey: a non-admin call (Messages, Models, Files, Skills...) was made
// on a client that holds only an admin key. It is returned before any I/O.
var ErrNoAPIKey = errors.New("claude: this call needs an API key or auth token: pass WithAPIKey or WithAuthToken, or set ANTHROPIC_API_KEY; the client only has an admin key, which the API accepts on admin endpoints only")

// ErrNoOrgOAuthToken: a service-account or federation call (Workload
// Identity Federation: Organization.ServiceAccounts, Organization.Federation,
// Organization.Workspaces.ServiceAccounts) was made on a client without an
// auth token. The API accepts only an OAuth access token with the org:admin
// scope there, never an admin or API key. It is returned before any I/O.
var ErrNoOrgOAuthToken = errors.New("claude: this call needs an OAuth access token with the org:admin scope (service accounts and federation refuse admin and API keys): pass WithAuthToken or set ANTHROPIC_AUTH_TOKEN, for example from `ant auth login --scope org:admin`")

// credentialKind says which credential a call authenticates with.
type credentialKind uint8

const (
	credentialAPI      credentialKind = iota // the API key or auth token
	credentialAdmin                          // the admin key
	credentialOrgOAuth                       // the auth token only: an OAuth token with the org:admin scope
)

// WithAdminKey sets the admin key (sk-ant-admin...) the Admin API services
// send as x-api-key: c.Organization and everything under it, and the usage
// and cost reports. It is held in a Secret, never printed, and never sent on
// any other call; the API key (or auth token) stays the credential of every
// other service. A client may hold both; one holding only an admin key can
// make admin calls only (others fail with ErrNoAPIKey before any I/O).
// Without this option New reads ANTHROPIC_ADMIN_KEY, then the secret file.
func WithAdminKey(key string) Option {
	return func(c *config) error {
		if strings.TrimSpace(key) == "" {
			return errors.New("claude: WithAdminKey: empty key")
		}
		c.adminKey = NewSecret(key)
		return nil
	}
}

// withCredential marks the credential a call authenticates with: the admin
// key for the Admin API, the auth token alone for the Workload Identity
// Federation endpoints (service accounts, federation), which refuse keys.
func withCredential(k credentialKind) Option {
	return func(c *config) error { c.credential = k; return nil }
}

// checkCredential reports, before any I/O, a call whose credential kind the
// client does not hold.
func (c *config) checkCredential() error {
	switch c.credential {
	case credentialAdmin:
		if c.adminKey.IsZero() {
			return ErrNoAdminKey
		}
	case credentialOrgOAuth:
		if c.authToken.IsZero() {
			return ErrNoOrgOAuthToken
		}
	default:
		if c.apiKey.IsZero() && c.authToken.IsZero() {
			return ErrNoAPIKey
		}
	}
	return nil
}

// defaultAdminKey reads ANTHROPIC_ADMIN_KEY, then the secret file found
// walking up from dir, under the same rules as the other credentials (see
// SecretFile): unsafe files skipped, an unparsable one an error.
func defaultAdminKey(dir string) (Secret, error) {
	if v, ok := lookupEnv(AdminKeyEnv); ok && v != "" {
		return NewSecret(v), nil
	}
	_, vars, _, err := loadSecretFile(dir)
	if err != nil {
		return Secret{}, err
	}
	return NewSecret(vars[AdminKeyEnv]), nil
}
