//go:build unix

package client_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/safefile"
)

// These tests change the environment and the working directory, so they do
// not run in parallel.

// workspace makes root/secret/-secrets.sh with content and mode, and
// returns root.
func workspace(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "secret"), 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, client.SecretFile)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return root
}

func mkdirChdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

// TestSecretFileBaseURLOnlyWithItsOwnKey: a planted file's base URL never
// receives a key from the environment or an option.
func TestSecretFileBaseURLOnlyWithItsOwnKey(t *testing.T) {
	evil := newCollector(t)
	for name, file := range map[string]string{
		"file with a key":  "export ANTHROPIC_API_KEY=sk-ant-test-planted\nexport ANTHROPIC_BASE_URL=" + evil.url + "\n",
		"file without key": "export ANTHROPIC_BASE_URL=" + evil.url + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			clearEnv(t)
			mkdirChdir(t, workspace(t, file, 0o600))
			t.Setenv("ANTHROPIC_API_KEY", testKey)
			c, err := client.New()
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL() != client.DefaultBaseURL {
				t.Fatalf("env key paired with base URL %q, want %s", c.BaseURL(), client.DefaultBaseURL)
			}
			c, err = client.New(client.WithAPIKey(testKey))
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL() != client.DefaultBaseURL {
				t.Fatalf("option key paired with base URL %q", c.BaseURL())
			}
		})
	}
}

// TestSecretFileWalkBoundaries: the walk ends at a repository root and at
// the home directory.
func TestSecretFileWalkBoundaries(t *testing.T) {
	file := "export ANTHROPIC_API_KEY=sk-ant-test-above\n"
	t.Run("repository root", func(t *testing.T) {
		clearEnv(t)
		root := workspace(t, file, 0o600)
		mkdirChdir(t, filepath.Join(root, "repo", ".git"))
		mkdirChdir(t, filepath.Join(root, "repo", "pkg"))
		if _, err := client.New(); !errors.Is(err, client.ErrNoCredentials) {
			t.Fatalf("err = %v: the file above the repository root was used", err)
		}
	})
	t.Run("home", func(t *testing.T) {
		clearEnv(t)
		root := workspace(t, file, 0o600)
		t.Setenv("HOME", filepath.Join(root, "home"))
		mkdirChdir(t, filepath.Join(root, "home", "work"))
		if _, err := client.New(); !errors.Is(err, client.ErrNoCredentials) {
			t.Fatalf("err = %v: the file above the home directory was used", err)
		}
	})
	t.Run("inside the repository", func(t *testing.T) {
		clearEnv(t)
		root := workspace(t, file, 0o600)
		mkdirChdir(t, filepath.Join(root, ".git"))
		mkdirChdir(t, filepath.Join(root, "a", "b"))
		if _, err := client.New(); err != nil {
			t.Fatalf("the repository's own secret file was not found: %v", err)
		}
	})
}

// TestSecretFileUnsafeSkipped: files others could have written, or that are
// not regular files, are skipped and named in the error.
func TestSecretFileUnsafeSkipped(t *testing.T) {
	file := "export ANTHROPIC_API_KEY=sk-ant-test-planted\n"
	t.Run("world-writable", func(t *testing.T) {
		clearEnv(t)
		mkdirChdir(t, workspace(t, file, 0o666))
		_, err := client.New()
		if !errors.Is(err, client.ErrNoCredentials) || !strings.Contains(err.Error(), "writable by group or others") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("group-writable", func(t *testing.T) {
		clearEnv(t)
		mkdirChdir(t, workspace(t, file, 0o620))
		if _, err := client.New(); !errors.Is(err, client.ErrNoCredentials) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("another owner", func(t *testing.T) {
		clearEnv(t)
		root := workspace(t, file, 0o600)
		p := filepath.Join(root, client.SecretFile)
		if os.Getuid() == 0 {
			if err := os.Chown(p, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		} else { // a file root owns, reached through a symlink
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("/etc/passwd", p); err != nil {
				t.Fatal(err)
			}
		}
		mkdirChdir(t, root)
		_, err := client.New()
		if !errors.Is(err, client.ErrNoCredentials) || !strings.Contains(err.Error(), "owned by another user") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("FIFO", func(t *testing.T) {
		clearEnv(t)
		root := t.TempDir()
		if err := os.MkdirAll(filepath.Join(root, "secret"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(root, client.SecretFile), 0o600); err != nil {
			t.Fatal(err)
		}
		mkdirChdir(t, root)
		_, err := client.New() // must return: nothing ever writes the FIFO
		if !errors.Is(err, client.ErrNoCredentials) || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestSecretFileSizeCap: a file over MaxSecretFileSize fails New clearly.
func TestSecretFileSizeCap(t *testing.T) {
	clearEnv(t)
	big := "export ANTHROPIC_API_KEY=sk-ant-test-x\n#" + strings.Repeat("x", client.MaxSecretFileSize) + "\n"
	mkdirChdir(t, workspace(t, big, 0o600))
	_, err := client.New()
	if !errors.Is(err, safefile.ErrTooLarge) || !strings.Contains(err.Error(), client.SecretFile) {
		t.Fatalf("err = %v, want ErrTooLarge naming the file", err)
	}
}

// TestSecretFileParsing: a long line does not hide later keys, an inline
// comment is not part of the key, and every bad line is reported without
// its value.
func TestSecretFileParsing(t *testing.T) {
	url, got := keyEcho(t)
	t.Run("long line", func(t *testing.T) {
		clearEnv(t)
		file := "export NOTES='" + strings.Repeat("n", 100<<10) + "'\nexport ANTHROPIC_API_KEY=sk-ant-test-after-long-line\nexport ANTHROPIC_BASE_URL=" + url + "\n"
		mkdirChdir(t, workspace(t, file, 0o600))
		c, err := client.New()
		if err != nil {
			t.Fatal(err)
		}
		count(t, c)
		if k, _ := got(); k != "sk-ant-test-after-long-line" {
			t.Fatalf("key %q", k)
		}
	})
	t.Run("inline comment", func(t *testing.T) {
		clearEnv(t)
		file := "export ANTHROPIC_API_KEY=sk-ant-test-commented # my work key\nANTHROPIC_BASE_URL=\"" + url + "\" # loopback\n"
		mkdirChdir(t, workspace(t, file, 0o600))
		c, err := client.New()
		if err != nil {
			t.Fatal(err)
		}
		count(t, c)
		if k, _ := got(); k != "sk-ant-test-commented" {
			t.Fatalf("key %q", k)
		}
	})
	t.Run("errors", func(t *testing.T) {
		clearEnv(t)
		file := "# ok\nexport ANTHROPIC_API_KEY=sk-ant-test-good\ngarbage-line\nexport TOKEN=sk-ant-test-two words\nexport X=\"sk-ant-test-open\n1BAD=v\n"
		mkdirChdir(t, workspace(t, file, 0o600))
		_, err := client.New()
		var sf *client.SecretFileError
		if !errors.As(err, &sf) {
			t.Fatalf("err = %v, want *SecretFileError", err)
		}
		var lines []int
		for _, l := range sf.Lines {
			lines = append(lines, l.Line)
		}
		if len(lines) != 4 || lines[0] != 3 || lines[1] != 4 || lines[2] != 5 || lines[3] != 6 {
			t.Fatalf("bad lines %v, want [3 4 5 6]: %v", lines, err)
		}
		if strings.Contains(err.Error(), "sk-ant-test") {
			t.Fatalf("error shows a value: %v", err)
		}
	})
}
