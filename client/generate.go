package client

//go:generate sh -c "cd ../tools && go run ./cmd/aliasgen -gen ../gen/anthropic.gen.go -out ../client/aliases.gen.go"
