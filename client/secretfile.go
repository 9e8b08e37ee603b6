package client

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// SecretFileError lists every line of the secret file that could not be
// parsed, by line number; it never shows a value.
type SecretFileError struct {
	Path  string
	Lines []SecretLineError
}

// SecretLineError is one unparsable line.
type SecretLineError struct {
	Line   int
	Reason string
}

// Error names the file and each bad line.
func (e *SecretFileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "claude: secret file %s:", e.Path)
	for i, l := range e.Lines {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " line %d: %s", l.Line, l.Reason)
	}
	return b.String()
}

// parseSecretFile reads `export NAME=value` and `NAME=value` lines, blank
// lines and `#` comments. A value is single-quoted (taken as is),
// double-quoted (with \" \\ \$ \` escapes) or bare (up to the first space);
// a ` #` after it starts a comment, as in the shell. Any other line is
// reported in a *SecretFileError; lines have no length limit below the
// file's size cap, so a long line cannot hide the keys after it.
func parseSecretFile(path string, data []byte) (map[string]string, error) {
	out := map[string]string{}
	var bad []SecretLineError
	for n, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSpace(strings.TrimSuffix(string(raw), "\r"))
		if line == "" || line[0] == '#' {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			line = strings.TrimSpace(rest)
		}
		name, value, err := parseAssignment(line)
		if err != nil {
			bad = append(bad, SecretLineError{Line: n + 1, Reason: err.Error()})
			continue
		}
		out[name] = value
	}
	if len(bad) > 0 {
		return out, &SecretFileError{Path: path, Lines: bad}
	}
	return out, nil
}

// parseAssignment splits NAME=value; its errors never quote the value.
func parseAssignment(line string) (name, value string, err error) {
	name, rest, ok := strings.Cut(line, "=")
	if !ok {
		return "", "", errors.New("not NAME=value")
	}
	if !isShellName(name) {
		return "", "", errors.New("not a variable name before '='")
	}
	var tail string
	switch {
	case rest == "":
		return name, "", nil
	case rest[0] == '\'':
		end := strings.IndexByte(rest[1:], '\'')
		if end < 0 {
			return "", "", fmt.Errorf("%s: unterminated single quote", name)
		}
		value, tail = rest[1:1+end], rest[2+end:]
	case rest[0] == '"':
		var b strings.Builder
		i := 1
		for ; i < len(rest) && rest[i] != '"'; i++ {
			if rest[i] == '\\' && i+1 < len(rest) && strings.IndexByte("\"\\$`", rest[i+1]) >= 0 {
				i++
			}
			b.WriteByte(rest[i])
		}
		if i == len(rest) {
			return "", "", fmt.Errorf("%s: unterminated double quote", name)
		}
		value, tail = b.String(), rest[i+1:]
	default:
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			end = len(rest)
		}
		value, tail = rest[:end], rest[end:]
	}
	if t := strings.TrimLeft(tail, " \t"); t != "" && (t[0] != '#' || t == tail) {
		return "", "", fmt.Errorf("%s: unexpected text after the value (quote a value holding spaces; a comment needs a space before '#')", name)
	}
	return name, value, nil
}

func isShellName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
