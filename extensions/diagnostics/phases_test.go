package diagnostics_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
)

// localhostTLS serves reply over TLS with a certificate for "localhost" and
// returns its address and a client that trusts it, so a call resolves a name, connects and
// shakes hands: every phase the layer reports.
func localhostTLS(t *testing.T) (baseURL, serverAddr string, hc *http.Client) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}
	t.Cleanup(tr.CloseIdleConnections)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return "https://localhost:" + port, srv.Listener.Addr().String(), &http.Client{Transport: tr}
}

// TestEveryPhaseOnARealConnection: the first call to https://localhost
// resolves the name, dials and shakes hands on a new connection, and the
// attempt shows each phase; the second goes over the kept-alive connection
// and shows none of them. The hooks behind these fields are allocated per
// attempt (timing.go, tracer), so this is the test that they are all still
// installed.
func TestEveryPhaseOnARealConnection(t *testing.T) {
	t.Parallel()
	url, addr, hc := localhostTLS(t)
	var got []diagnostics.Attempt
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), client.WithHTTPClient(hc),
		diagnostics.New(diagnostics.Config{OnAttempt: func(a diagnostics.Attempt) { got = append(got, a) }}))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := c.Messages.Create(context.Background(), request("hi")); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 2 {
		t.Fatalf("%d attempts reported, want 2", len(got))
	}
	first, second := got[0], got[1]
	if first.Reused || first.DNS <= 0 || first.Connect <= 0 || first.TLS <= 0 || first.FirstByte <= 0 ||
		first.Total < first.FirstByte || first.Status != 200 || first.RemoteAddr != addr || first.URL != url+"/v1/messages" {
		t.Errorf("first attempt, on a new connection: %+v", first)
	}
	if !second.Reused || second.DNS != 0 || second.Connect != 0 || second.TLS != 0 || second.FirstByte <= 0 ||
		second.RemoteAddr != first.RemoteAddr || second.URL != first.URL {
		t.Errorf("second attempt, on the kept-alive connection: %+v", second)
	}
}
