package secrets_test

import (
	"fmt"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/secrets"
)

func ExampleCheckKey() {
	pasted := "sk-ant-api03-abc\n"
	fmt.Println(secrets.CheckKey(pasted))
	_, err := client.New(secrets.APIKey(pasted))
	fmt.Println(err != nil)
	// Output:
	// secrets: malformed credential: a line break at byte 16 of 17 (a copy-paste accident? the value is not shown)
	// true
}
