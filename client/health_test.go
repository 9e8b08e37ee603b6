package client_test

import (
	"encoding/json"
	"testing"

	"github.com/claudego/claude/client"
)

func TestHealthText(t *testing.T) {
	t.Parallel()
	for _, h := range []client.Health{client.HealthUnknown, client.Healthy, client.Degraded, client.Unhealthy} {
		b, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		var back client.Health
		if err := json.Unmarshal(b, &back); err != nil || back != h {
			t.Errorf("%v encodes as %s and decodes as %v, %v", h, b, back, err)
		}
	}
	var h client.Health = client.Healthy
	if err := json.Unmarshal([]byte(`"recovering"`), &h); err != nil || h != client.HealthUnknown {
		t.Errorf("an unknown name decodes as %v, %v; want unknown", h, err)
	}
	if got := client.Health(9).String(); got != "unknown" {
		t.Errorf("Health(9) = %q", got)
	}
}
