package client

import (
	"fmt"
	"net/http"
	"os"
	"strings"
)

// Version is this library's version, sent in the User-Agent.
const Version = "0.1.0"

// APIVersion is the anthropic-version header every request carries.
const APIVersion = "2023-06-01"

// Client is the Claude API client. It is safe for concurrent use; create one
// and share it. Each API area is a service field.
type Client struct {
	// Messages: POST /v1/messages and count_tokens, streamed or not.
	Messages *MessagesService
	// Models: the model list and details.
	Models *ModelsService
	// Batches: Message Batches (create, poll, results, cancel, delete).
	Batches *BatchesService
	// Files: the Files API (beta files-api-2025-04-14, sent automatically).
	Files *FilesService
	// Skills: Skills and their versions (multipart uploads).
	Skills *SkillsService
	// UserProfiles: user profiles and their action URLs.
	UserProfiles *UserProfilesService
	// Organization: the Admin API (users, invites, workspaces, API keys,
	// usage and cost reports...), authenticated with the admin key
	// (WithAdminKey).
	Organization *OrganizationService

	cfg *config
}

// service is the one struct every service type is defined over.
type service struct{ client *Client }

// New builds a client. Credentials come from, in order: WithAPIKey or
// WithAuthToken, ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN (bearer), then the
// workspace secret file secret/-secrets.sh found walking up from the working
// directory (see SecretFile for where the walk stops and which files it
// trusts). The admin key, which only the Admin API services send, comes
// from WithAdminKey, ANTHROPIC_ADMIN_KEY, then the secret file; a client with
// only an admin key is valid and makes admin calls only. The service-account
// and federation calls send the auth token alone (an OAuth token with the
// org:admin scope; the API refuses keys there): WithAuthToken, else
// ANTHROPIC_AUTH_TOKEN, read even when an API key was found first. The base URL comes
// from WithBaseURL, ANTHROPIC_BASE_URL, the secret file (only together with
// the file's own API key or token), then DefaultBaseURL. New fails fast,
// before any network I/O, on a bad option, an unparsable secret file, or
// when no credential is found (ErrNoCredentials, naming any secret file it
// skipped as unsafe).
func New(opts ...Option) (*Client, error) {
	cfg := &config{header: http.Header{}, inNew: true}
	err := cfg.apply(opts)
	cfg.inNew = false
	if err != nil {
		return nil, err
	}
	needCred := cfg.apiKey.IsZero() && cfg.authToken.IsZero()
	var skipped []string
	if needCred || cfg.baseURL == "" {
		wd, _ := os.Getwd()
		env, err := defaultCredentials(wd, needCred)
		if err != nil {
			return nil, err
		}
		if needCred {
			cfg.apiKey, cfg.authToken = env.apiKey, env.authToken
		}
		if cfg.baseURL == "" && env.baseURL != "" {
			if err := WithBaseURL(env.baseURL)(cfg); err != nil {
				return nil, err
			}
		}
		skipped = env.skipped
	}
	if cfg.adminKey.IsZero() {
		wd, _ := os.Getwd()
		if cfg.adminKey, err = defaultAdminKey(wd); err != nil {
			return nil, err
		}
	}
	if cfg.authToken.IsZero() {
		// The service-account and federation endpoints take only an OAuth
		// token (ErrNoOrgOAuthToken), so ANTHROPIC_AUTH_TOKEN is read even when
		// an API key came first; other calls still send the API key
		// (SetCredential prefers it).
		if v, ok := lookupEnv("ANTHROPIC_AUTH_TOKEN"); ok && v != "" {
			cfg.authToken = NewSecret(v)
		}
	}
	if cfg.apiKey.IsZero() && cfg.authToken.IsZero() && cfg.adminKey.IsZero() {
		if len(skipped) > 0 {
			return nil, fmt.Errorf("%w (skipped as unsafe: %s)", ErrNoCredentials, strings.Join(skipped, ", "))
		}
		return nil, ErrNoCredentials
	}
	if cfg.baseURL == "" {
		cfg.baseURL = DefaultBaseURL
		cfg.serverHost, cfg.serverPort = serverOf(cfg.baseURL)
	}
	if cfg.httpClient == nil {
		cfg.httpClient = &http.Client{Transport: newDefaultTransport()}
	}
	cfg.pipeline = cfg.buildPipeline()
	c := &Client{cfg: cfg}
	c.attachServices()
	return c, nil
}

// BaseURL returns the API root this client sends to.
func (c *Client) BaseURL() string { return c.cfg.baseURL }

// callConfig returns the client's settings with the call's options applied.
func (c *Client) callConfig(opts []Option) (*config, error) {
	if len(opts) == 0 {
		return c.cfg, nil
	}
	cfg := c.cfg.clone()
	if err := cfg.apply(opts); err != nil {
		return nil, err
	}
	return cfg, nil
}
