module github.com/claudego/claude/extensions/liveconfig

go 1.25.0

replace github.com/claudego/claude => ../..

require (
	github.com/claudego/claude v0.0.0-00010101000000-000000000000
	github.com/fsnotify/fsnotify v1.9.0
	go.yaml.in/yaml/v3 v3.0.4
)

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/oapi-codegen/runtime v1.8.0 // indirect
	golang.org/x/sys v0.39.0 // indirect
)
