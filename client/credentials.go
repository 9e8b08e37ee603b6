package client

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/claudego/claude/internal/safefile"
)

// SecretFile is the workspace secret file looked up, walking up from the
// working directory, when no credential is given and none is in the
// environment. Lines look like `export ANTHROPIC_API_KEY=...`.
//
// The walk checks each directory from the working directory up and stops
// after the user's home directory, after a repository root (a directory
// holding .git), and before crossing onto another filesystem. A file that is
// not a regular file, not owned by the user or writable by group or others
// is skipped (ErrNoCredentials then names it). The file is opened once and
// read at most MaxSecretFileSize bytes; every line it cannot parse is
// reported and makes New fail. An ANTHROPIC_BASE_URL in the file is used
// only with the credential from the same file, never with one from an option
// or the environment.
const SecretFile = "secret/-secrets.sh"

// MaxSecretFileSize caps the secret file: 1 MiB.
const MaxSecretFileSize = 1 << 20

// ErrNoCredentials: New found no API key, auth token or admin key in any
// source. It names the admin key too: a client for the Admin API alone needs
// nothing else.
var ErrNoCredentials = errors.New("claude: no credentials: pass WithAPIKey, WithAuthToken or WithAdminKey (Admin API only), set ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or ANTHROPIC_ADMIN_KEY, or put `export ANTHROPIC_API_KEY=...` in " + SecretFile + " in this directory or a parent")

// credentials is what the default chain found.
type credentials struct {
	apiKey    Secret
	authToken Secret
	baseURL   string
	source    string
	// skipped lists secret files passed over as unsafe, with the reason.
	skipped []string
}

// lookupEnv is os.LookupEnv; a variable for tests of the chain.
var lookupEnv = os.LookupEnv

// defaultCredentials runs the chain. Base URL: ANTHROPIC_BASE_URL. When
// needCred, the credential: ANTHROPIC_API_KEY, then ANTHROPIC_AUTH_TOKEN
// (bearer), then the workspace secret file, whose base URL comes along with
// its credential when the environment sets none. The file is read only when
// it may supply the credential.
func defaultCredentials(dir string, needCred bool) (credentials, error) {
	var c credentials
	if v, ok := lookupEnv("ANTHROPIC_BASE_URL"); ok && v != "" {
		c.baseURL = v
	}
	if !needCred {
		return c, nil
	}
	if v, ok := lookupEnv("ANTHROPIC_API_KEY"); ok && v != "" {
		c.apiKey, c.source = NewSecret(v), "ANTHROPIC_API_KEY"
		return c, nil
	}
	if v, ok := lookupEnv("ANTHROPIC_AUTH_TOKEN"); ok && v != "" {
		c.authToken, c.source = NewSecret(v), "ANTHROPIC_AUTH_TOKEN"
		return c, nil
	}
	path, vars, skipped, err := loadSecretFile(dir)
	c.skipped = skipped
	if err != nil || path == "" {
		return c, err
	}
	switch {
	case vars["ANTHROPIC_API_KEY"] != "":
		c.apiKey, c.source = NewSecret(vars["ANTHROPIC_API_KEY"]), path
	case vars["ANTHROPIC_AUTH_TOKEN"] != "":
		c.authToken, c.source = NewSecret(vars["ANTHROPIC_AUTH_TOKEN"]), path
	default:
		return c, nil // a base URL alone is never paired with another source's key
	}
	if c.baseURL == "" {
		c.baseURL = vars["ANTHROPIC_BASE_URL"]
	}
	return c, nil
}

// loadSecretFile finds the secret file from dir and parses it: its path
// ("" when there is none), its variables, the unsafe files skipped.
func loadSecretFile(dir string) (path string, vars map[string]string, skipped []string, err error) {
	path, data, skipped, err := findSecretFile(dir)
	if err != nil || path == "" {
		return "", nil, skipped, err
	}
	vars, err = parseSecretFile(path, data)
	if err != nil {
		return "", nil, skipped, err
	}
	return path, vars, skipped, nil
}

// findSecretFile walks up from dir (see SecretFile for the boundaries) and
// returns the first safe secret file and its content. Unsafe candidates are
// listed in skipped; a safe file that cannot be read is an error.
func findSecretFile(dir string) (path string, data []byte, skipped []string, err error) {
	if dir == "" {
		return "", nil, nil, nil
	}
	home, _ := os.UserHomeDir()
	startDev, haveDev := deviceOf(dir)
	for {
		p := filepath.Join(dir, SecretFile)
		data, why, err := readSecretCandidate(p)
		switch {
		case err != nil:
			return "", nil, skipped, err
		case why != "":
			skipped = append(skipped, p+" ("+why+")")
		case data != nil:
			return p, data, skipped, nil
		}
		if dir == home || exists(filepath.Join(dir, ".git")) {
			return "", nil, skipped, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil, skipped, nil
		}
		if dev, ok := deviceOf(parent); haveDev && ok && dev != startDev {
			return "", nil, skipped, nil // a filesystem boundary
		}
		dir = parent
	}
}

// readSecretCandidate opens p once and checks what it opened: nothing (nil,
// "", nil) when it does not exist, a reason to skip it when it is unsafe,
// else its content (at most MaxSecretFileSize).
func readSecretCandidate(p string) (data []byte, skip string, err error) {
	f, fi, err := safefile.Open(p)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return nil, "", nil
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, "not a regular file", nil
	case err != nil:
		return nil, "", fmt.Errorf("claude: secret file: %w", err)
	}
	defer f.Close()
	if ok, why := safefile.OwnedBySelf(fi); !ok {
		return nil, why, nil
	}
	data, err = safefile.ReadAll(f, fi, MaxSecretFileSize)
	if err != nil {
		return nil, "", fmt.Errorf("claude: secret file: %w", err)
	}
	if data == nil {
		data = []byte{}
	}
	return data, "", nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func deviceOf(dir string) (uint64, bool) {
	fi, err := os.Stat(dir)
	if err != nil {
		return 0, false
	}
	return safefile.Device(fi)
}
