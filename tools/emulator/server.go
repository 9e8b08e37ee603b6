package emulator

import (
	"context"
	"errors"
	"fmt"
	"github.com/claudego/claude/client/orgtest"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config sets up an emulator. The zero value works: loopback on a free
// port, the embedded spec, the echo model, no faults, no pacing.
type Config struct {
	// Addr is the listen address for Start; default "127.0.0.1:0" (a free
	// port). Only loopback hosts (127.0.0.0/8, ::1, localhost) are accepted.
	Addr string
	// SpecPath loads this OpenAPI file instead of the embedded copy of
	// openapi/anthropic.yaml.
	SpecPath string
	// APIKeys, when set, are the only credentials accepted (x-api-key or
	// Authorization: Bearer); any other gets 401 authentication_error. When
	// empty, any non-empty credential is accepted.
	APIKeys []string
	// AdminKey, when set, is the only admin key (sk-ant-admin...) the
	// Admin API endpoints accept; empty accepts any admin key. The service
	// account and federation endpoints take a bearer token instead (any
	// token; scopes are not checked) and refuse every key, as the API does.
	AdminKey string
	// Responder writes the model's replies; default EchoResponder.
	Responder Responder
	// Models is the catalog served by /v1/models and accepted in requests;
	// default DefaultModels().
	Models []Model
	// EventDelay paces streams: the wait between two events (default none).
	// The per-request fault "pace=D" overrides it.
	EventDelay time.Duration
	// Faults are injected into matching requests; the x-emulator-fault
	// header of a request wins over them.
	Faults []FaultRule
	// Seed makes fault probabilities reproducible; zero means 1.
	Seed uint64
	// RecordedDir is the recorded-traffic directory served by the
	// x-emulator-case header; default: testdata/recorded found by walking up
	// from the working directory.
	RecordedDir string
	// BatchProcessing is how long a Message Batch stays in_progress before
	// it ends with its results; default zero (ended at the first look after
	// creation, which itself always reports in_progress).
	BatchProcessing time.Duration
	// RateLimitRequests is the requests-per-minute limit reported in the
	// anthropic-ratelimit-requests-* headers (reported only, never enforced);
	// default 4000.
	RateLimitRequests int

	// MaxRequestBytes is the largest request body accepted, uploads
	// included; default DefaultMaxRequestBytes (the API's 32 MB). A larger
	// body gets 413 request_too_large.
	MaxRequestBytes int64
	// MaxRequestValues is the most JSON values a request body may hold
	// before spec validation, which costs about 1 KB a value; default
	// DefaultMaxRequestValues. A larger body gets 413 request_too_large.
	MaxRequestValues int
	// MaxConcurrent is how many requests are read, validated and answered
	// at once; default DefaultMaxConcurrent. Others wait for a slot until
	// their client goes away. Streaming a reply, pacing and injected stalls
	// happen after the slot is freed, so long streams do not hold one.
	MaxConcurrent int
	// MaxBatches is how many Message Batches are kept; default
	// DefaultMaxBatches. Creating one more drops the oldest ended batch (the
	// API also expires batches); when every kept batch is still in progress
	// the create gets 429 rate_limit_error.
	MaxBatches int
	// MaxStoredBytes bounds what is kept across requests: batch results
	// plus file contents; default DefaultMaxStoredBytes. A batch that does
	// not fit drops the oldest ended batches, else gets 429; a file that does
	// not fit gets 413 (files are never dropped behind the user's back).
	MaxStoredBytes int64
}

// Handler is the emulator as an http.Handler, for httptest.NewServer or
// your own server. It is safe for concurrent use.
type Handler struct {
	cfg    Config
	val    validator
	models []Model

	mu        sync.Mutex
	rng       *rand.Rand
	batches   []*batch // newest first
	ruleSeen  []int
	ruleFired []int
	window    time.Time
	inWindow  int

	org *orgtest.Server // the organization, Skills and User Profiles (org.go)

	files      map[string]*storedFile
	fileOrder  []string // file IDs, newest first
	storedUsed int64    // bytes of batch results and file contents kept

	slots    chan struct{} // one token per request being read, validated and answered
	queued   atomic.Int64  // requests waiting for a slot
	requests atomic.Int64
	closed   chan struct{}
	once     sync.Once
}

// New builds the emulator's handler: it loads the spec and checks the
// config, without listening anywhere.
func New(cfg Config) (*Handler, error) {
	doc, err := loadSpec(cfg.SpecPath)
	if err != nil {
		return nil, err
	}
	for i, r := range cfg.Faults {
		if err := r.Fault.check(); err != nil {
			return nil, fmt.Errorf("emulator: fault rule %d: %w", i, err)
		}
	}
	cfg.withDefaults()
	if cfg.Responder == nil {
		cfg.Responder = EchoResponder
	}
	if cfg.RateLimitRequests <= 0 {
		cfg.RateLimitRequests = 4000
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = 1
	}
	models := cfg.Models
	if len(models) == 0 {
		models = DefaultModels()
	}
	return &Handler{
		org:       newOrg(cfg),
		cfg:       cfg,
		val:       validator{doc: doc},
		models:    models,
		rng:       rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		ruleSeen:  make([]int, len(cfg.Faults)),
		ruleFired: make([]int, len(cfg.Faults)),
		files:     map[string]*storedFile{},
		slots:     make(chan struct{}, cfg.MaxConcurrent),
		closed:    make(chan struct{}),
	}, nil
}

// Requests returns how many requests the handler has received.
func (h *Handler) Requests() int64 { return h.requests.Load() }

// shutdown releases handlers that are stalling or pacing.
func (h *Handler) shutdown() { h.once.Do(func() { close(h.closed) }) }

// Server is an emulator listening on loopback.
type Server struct {
	handler *Handler
	srv     *http.Server
	ln      net.Listener
	url     string
	done    chan struct{}
}

// Start listens on cfg.Addr (default 127.0.0.1:0) and serves the emulator
// until Close is called or ctx is done. It refuses non-loopback addresses.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	addr, err := loopbackAddr(cfg.Addr)
	if err != nil {
		return nil, err
	}
	h, err := New(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen: %w", err)
	}
	s := &Server{
		handler: h,
		ln:      ln,
		url:     "http://" + ln.Addr().String(),
		srv:     &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		done:    make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln)
	}()
	if ctx != nil && ctx.Done() != nil {
		go func() {
			select {
			case <-ctx.Done():
				_ = s.Close()
			case <-s.done:
			}
		}()
	}
	return s, nil
}

// URL is the base URL to give the client, such as http://127.0.0.1:41234.
func (s *Server) URL() string { return s.url }

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Handler returns the server's handler (for Requests()).
func (s *Server) Handler() *Handler { return s.handler }

// Close stops the server at once, cutting open connections and streams,
// and waits for it to finish.
func (s *Server) Close() error {
	s.handler.shutdown()
	err := s.srv.Close()
	<-s.done
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// loopbackAddr checks that addr names a loopback host and fills defaults.
func loopbackAddr(addr string) (string, error) {
	if addr == "" {
		return "127.0.0.1:0", nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("emulator: address %q: %w", addr, err)
	}
	if port == "" {
		port = "0"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", fmt.Errorf("emulator: address %q: bad port", addr)
	}
	switch {
	case host == "" || strings.EqualFold(host, "localhost"):
		host = "127.0.0.1"
	default:
		ip := net.ParseIP(host)
		if ip == nil || !ip.IsLoopback() {
			return "", fmt.Errorf("emulator: address %q is not loopback: the emulator only binds to 127.0.0.1, ::1 or localhost", addr)
		}
	}
	return net.JoinHostPort(host, port), nil
}

// batchCount is how many batches are kept.
func (h *Handler) batchCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.batches)
}

// storedBytes is how many bytes of batch results and file contents are kept.
func (h *Handler) storedBytes() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.storedUsed
}
