package readme

// The README's Operations blocks use the extensions that are modules of
// their own; these imports keep them (and go-redis) required by the tools
// module, so the generated README program builds with -mod=readonly.
import (
	_ "github.com/claudego/claude/extensions/liveconfig"
	_ "github.com/claudego/claude/extensions/redisstore"
	_ "github.com/redis/go-redis/v9"
)
