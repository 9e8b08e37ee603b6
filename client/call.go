package client

import (
	"context"
	"errors"
	"strconv"

	"github.com/claudego/claude/internal/apierror"
)

// pathID is one required path parameter of an operation: its name in the
// API (for the error) and the caller's value.
type pathID struct{ field, value string }

// id names a required path parameter.
func id(field, value string) pathID { return pathID{field, value} }

// call is the shape every JSON operation of the newer services shares: apply
// the call's options (cred says which credential the operation takes: the
// API key, the admin key, or the org:admin OAuth token), check the path IDs
// are non-empty and run check, then send and decode. Any failure before
// sending is a *ValidationError wrapped with op; nothing goes on the wire.
func call[T any](ctx context.Context, s *service, op string, cred credentialKind, opts []Option, ids []pathID, check func() error, build builder) (*T, error) {
	if cred != credentialAPI {
		opts = append([]Option{withCredential(cred)}, opts...)
	}
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	for _, p := range ids {
		if p.value == "" {
			return nil, apierror.Wrap(op, &ValidationError{Field: p.field, Reason: "must not be empty"})
		}
	}
	if check != nil && !cfg.skipValidation {
		if err := check(); err != nil {
			return nil, apierror.Wrap(op, err)
		}
	}
	return doJSON[T](ctx, s.client, op, cfg, build)
}

// WithWorkspaceID sends the anthropic-workspace-id header, which selects the
// workspace of a Skills or User Profiles call for credentials that span
// several workspaces.
func WithWorkspaceID(workspaceID string) Option {
	return WithHeader("anthropic-workspace-id", workspaceID)
}

// itoa is strconv.Itoa, short for building field paths.
func itoa(i int) string { return strconv.Itoa(i) }

// joinErrs joins the non-nil errors (nil when all are nil).
func joinErrs(errs ...error) error { return errors.Join(errs...) }
