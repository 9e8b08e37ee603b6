package client_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestResponseSizeCap: a non-streamed reply over the cap fails with
// ErrResponseTooLarge, whether the server announces its size or not; one
// under the cap decodes.
func TestResponseSizeCap(t *testing.T) {
	t.Parallel()
	big := `{"input_tokens":1,"pad":"` + strings.Repeat("x", 4096) + `"}`
	for name, h := range map[string]http.HandlerFunc{
		"content-length": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			_, _ = w.Write([]byte(big))
		},
		"chunked": func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < len(big); i += 512 {
				_, _ = w.Write([]byte(big[i:min(i+512, len(big))]))
				w.(http.Flusher).Flush()
			}
		},
	} {
		c := setup(t, h, client.WithMaxResponseSize(1024))
		_, err := c.Messages.CountTokens(context.Background(), countReq())
		var tl *client.ResponseTooLargeError
		if !errors.Is(err, client.ErrResponseTooLarge) || !errors.As(err, &tl) || tl.Limit != 1024 {
			t.Errorf("%s: err = %v, want ErrResponseTooLarge with limit 1024", name, err)
		}
		if _, err := c.Messages.CountTokens(context.Background(), countReq(), client.WithMaxResponseSize(8192)); err != nil {
			t.Errorf("%s: under a raised cap: %v", name, err)
		}
	}
	if _, err := client.New(client.WithAPIKey(testKey), client.WithMaxResponseSize(0)); err == nil {
		t.Error("WithMaxResponseSize(0) accepted")
	}
}

// TestResponseAnnouncedSizeRefused: a Content-Length above the default cap
// fails before any allocation of that size or any read.
func TestResponseAnnouncedSizeRefused(t *testing.T) {
	t.Parallel()
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(client.DefaultMaxResponseSize+1))
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	}))
	_, err := c.Messages.CountTokens(context.Background(), countReq())
	var tl *client.ResponseTooLargeError
	if !errors.As(err, &tl) || tl.ContentLength != client.DefaultMaxResponseSize+1 {
		t.Fatalf("err = %v, want ResponseTooLargeError naming the announced size", err)
	}
}

// TestCallOnlyOptionsRefusedByNew: options that write into a caller's
// variable race as client defaults, so New refuses them, also nested.
func TestCallOnlyOptionsRefusedByNew(t *testing.T) {
	t.Parallel()
	var resp *http.Response
	for _, o := range []client.Option{client.WithResponseInto(&resp), client.WithOptions(client.WithResponseInto(&resp))} {
		if _, err := client.New(client.WithAPIKey(testKey), o); err == nil || !strings.Contains(err.Error(), "call option") {
			t.Errorf("New accepted a call-only option: %v", err)
		}
	}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"input_tokens":1}`))
	}))
	if _, err := c.Messages.CountTokens(context.Background(), countReq(), client.WithResponseInto(&resp)); err != nil || resp == nil {
		t.Fatalf("as a call option: resp %v, err %v", resp, err)
	}
}
