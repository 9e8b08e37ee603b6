package readme

// The README's Operations and Observability blocks use the extensions that
// are modules of their own; these imports keep them (and go-redis, the
// OpenTelemetry SDK and its stdout exporter) required by the tools module,
// so the generated README program builds with -mod=readonly.
import (
	_ "github.com/claudego/claude/extensions/liveconfig"
	_ "github.com/claudego/claude/extensions/otel"
	_ "github.com/claudego/claude/extensions/redisstore"
	_ "github.com/redis/go-redis/v9"
	_ "go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	_ "go.opentelemetry.io/otel/sdk/trace"
)
