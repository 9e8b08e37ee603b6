package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"

	"github.com/claudego/claude/internal/apierror"
)

// builder makes the request for one operation against a server root; the
// generated New*Request functions fit it.
type builder func(server string) (*http.Request, error)

// send runs one exchange through the pipeline and returns the 2xx response,
// whose body the caller must close, and the cancel func of the call's
// timeout, which the caller must call when done with the body. A non-2xx
// status becomes *APIError with its body read and closed.
func (c *Client) send(ctx context.Context, op string, cfg *config, build builder) (*http.Response, context.CancelFunc, error) {
	if ctx == nil {
		return nil, nil, apierror.Wrap(op, errors.New("nil context"))
	}
	cancel := context.CancelFunc(func() {})
	if cfg.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
	}
	// The generated builders resolve "./v1/..." against the server URL, so a
	// base with a path (a gateway prefix) needs its trailing slash to keep it.
	if err := cfg.checkCredential(); err != nil {
		cancel()
		return nil, nil, apierror.Wrap(op, err)
	}
	req, err := build(cfg.baseURL + "/")
	if err != nil {
		cancel()
		return nil, nil, apierror.Wrap(op, err)
	}
	req = req.WithContext(ctx)
	cfg.setHeaders(req)
	client := cfg.pipeline
	if client == nil { // a call with its own options: build its chain
		client = cfg.buildPipeline()
	}
	resp, err := client.Do(req)
	if err != nil {
		// When the call's context ended, that is the cause, whatever the
		// transport saw first (an upload's pipe closed by the same context
		// reads as io.ErrClosedPipe): errors.Is(err, context.DeadlineExceeded)
		// must hold for the caller.
		if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
			err = cause
		}
		cancel()
		return nil, nil, apierror.Wrap(op, err)
	}
	if cfg.responseInto != nil {
		*cfg.responseInto = resp
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := apierror.FromResponse(op, resp)
		cancel()
		return nil, nil, apiErr
	}
	return resp, cancel, nil
}

// buildPipeline wraps the http.Client's transport in the configured layers
// and middleware, keeping its cookie jar, timeout and redirect policy, the
// latter behind CheckRedirect: a request carries the key, so it never
// follows a redirect to another origin.
func (c *config) buildPipeline() *http.Client {
	hc := c.httpClient
	inner := idleBound(transportOf(hc), c.streamIdleTimeout)
	if c.observed() {
		inner = observeAttempts(inner)
	}
	return &http.Client{
		Transport:     c.roundTripper(inner),
		CheckRedirect: chainRedirect(hc.CheckRedirect),
		Jar:           hc.Jar,
		Timeout:       hc.Timeout,
	}
}

func transportOf(hc *http.Client) http.RoundTripper {
	if hc.Transport != nil {
		return hc.Transport
	}
	return http.DefaultTransport
}

// userAgent names this library, its version, and the Go version and
// platform it runs on, as support asks for them.
var userAgent = "claude-go/" + Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"

// setHeaders is the first stage of the pipeline: credentials, version, betas,
// user headers. The request is ours (just built), so setting headers here
// mutates no caller's request.
func (c *config) setHeaders(req *http.Request) {
	h := req.Header
	for k, v := range c.header {
		h[k] = append([]string(nil), v...)
	}
	// Keys are written in canonical form directly: Header.Set would
	// canonicalize (and allocate) on every request. One array backs the
	// fixed values (one allocation, not three); each slice's capacity is its
	// length, so a later Header.Add appends to a copy, never over a
	// neighbour.
	vals := &[3]string{APIVersion, userAgent, "application/json"}
	h["Anthropic-Version"] = vals[0:1:1]
	if len(c.betas) > 0 {
		h["Anthropic-Beta"] = []string{strings.Join(c.betas, ",")}
	}
	if len(h["User-Agent"]) == 0 {
		h["User-Agent"] = vals[1:2:2]
	}
	h["Accept"] = vals[2:3:3]
	switch c.credential {
	case credentialAdmin:
		SetCredential(h, c.adminKey, Secret{})
	case credentialOrgOAuth:
		SetCredential(h, Secret{}, c.authToken)
	default:
		SetCredential(h, c.apiKey, c.authToken)
	}
}

// encodeJSON encodes v without HTML escaping; bytes.Reader lets retries
// replay the body.
func encodeJSON(v any) (*bytes.Reader, error) {
	b, err := marshalNoEscape(v)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}

// doJSON sends and decodes a 2xx JSON body into T.
func doJSON[T any](ctx context.Context, c *Client, op string, cfg *config, build builder) (*T, error) {
	return doJSONMeta[T](ctx, c, op, cfg, build, callMeta{})
}

// doJSONMeta is doJSON telling the observers what it knows of the request
// (m): the call starts here and its call_end comes after the decode.
func doJSONMeta[T any](ctx context.Context, c *Client, op string, cfg *config, build builder, m callMeta) (*T, error) {
	ctx, sc := cfg.startCall(ctx, op, m)
	resp, cancel, err := c.send(ctx, op, cfg, build)
	if err != nil {
		sc.end(Event{Err: err})
		return nil, err
	}
	defer cancel()
	defer resp.Body.Close()
	reqID := requestID(resp.Header)
	body, err := readBody(resp, cfg.maxResponseSize())
	if err != nil {
		err = apierror.Wrap(op, fmt.Errorf("reading response: %w", err))
		sc.end(Event{Err: err, Status: resp.StatusCode, RequestID: reqID})
		return nil, err
	}
	v := new(T)
	if err := decodeJSON(body, v); err != nil {
		err = apierror.Wrap(op, &apierror.DecodeError{What: "response", RequestID: reqID, Err: err})
		sc.end(Event{Err: err, Status: resp.StatusCode, RequestID: reqID, ResponseBytes: int64(len(body))})
		return nil, err
	}
	if sc != nil {
		e := Event{Status: resp.StatusCode, RequestID: reqID, ResponseBytes: int64(len(body))}
		describeReply(&e, v)
		if m, ok := any(v).(*Message); ok && sc.content {
			e.Message = m
		}
		if sc.bodies {
			e.Body = redactBody("application/json", body) // it decoded as JSON, whatever the header said
		}
		sc.end(e)
	}
	return v, nil
}

// decodeJSON is json.Unmarshal, calling a type's own UnmarshalJSON directly:
// json.Unmarshal would first scan the whole body for validity, which such a
// method does again itself (every decoder here validates what it reads).
func decodeJSON(body []byte, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(body)
	}
	return json.Unmarshal(body, v)
}
