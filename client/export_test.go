package client_test

import (
	"net/http"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/apierror"
)

func apierrorFromEvent(h http.Header) *client.APIError {
	return apierror.FromEvent("messages.stream", 200, h, []byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`))
}
