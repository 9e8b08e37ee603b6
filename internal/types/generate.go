package types

//go:generate sh -c "cd ../../tools && go run ./cmd/paramgen -spec ../openapi/anthropic.yaml -out ../internal/types/responseonly.gen.go"
