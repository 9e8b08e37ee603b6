package liveconfig

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/fsnotify/fsnotify"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/quota"
	"github.com/claudego/claude/internal/safefile"
)

// Config configures Watch.
type Config struct {
	// Path is the configuration file (.json, .yaml or .yml). Required.
	Path string
	// Base are client options every configuration starts from (the
	// credential, an HTTP client, middleware); the file's settings come
	// after them.
	Base []client.Option
	// OnApply is called with each configuration once it is live (the first
	// included).
	OnApply func(File)
	// OnError receives each change that was refused, with why; the running
	// configuration stays.
	OnError func(error)
	// Logger, when set, logs applied and refused changes.
	Logger *slog.Logger
	// QuotaStore keeps the quota counts across reloads. Default a
	// limitstore.Memory made by Watch; give a redisstore to share them.
	QuotaStore limitstore.Store
	// QuotaNamespace is the quota's Namespace.
	QuotaNamespace string
}

// Watcher holds the live client. It is safe for concurrent use.
type Watcher struct {
	o   Config
	cur atomic.Pointer[snapshot]

	mu    sync.Mutex // serializes reloads
	parts *parts

	fsw  *fsnotify.Watcher
	done chan struct{}
	wg   sync.WaitGroup
	stop sync.Once
}

type snapshot struct {
	cfg    File
	client *client.Client
}

// Watch loads o.Path, builds the client, and watches the file until ctx is
// done or Close is called. A first file that is missing or invalid is an
// error: there is no configuration to keep running.
func Watch(ctx context.Context, o Config) (*Watcher, error) {
	if o.Path == "" {
		return nil, errors.New("liveconfig: Config.Path is empty")
	}
	if o.QuotaStore == nil {
		o.QuotaStore = limitstore.NewMemory()
	}
	w := &Watcher{o: o, done: make(chan struct{})}
	if err := w.Reload(); err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("liveconfig: %w", err)
	}
	// The directory, not the file: editors and deploy tools replace a file
	// by renaming a new one over it, which ends a watch on the old inode.
	if err := fsw.Add(filepath.Dir(o.Path)); err != nil {
		_ = fsw.Close()
		return nil, fmt.Errorf("liveconfig: watching %s: %w", filepath.Dir(o.Path), err)
	}
	w.fsw = fsw
	w.wg.Add(1)
	go w.loop(ctx)
	return w, nil
}

// Client returns the client of the configuration live now. Keep it for one
// call (or one unit of work): the next call should ask again to see a
// reload.
func (w *Watcher) Client() *client.Client { return w.cur.Load().client }

// Current returns the configuration live now.
func (w *Watcher) Current() File { return w.cur.Load().cfg }

// Quota returns the live quota, nil when the file sets none.
func (w *Watcher) Quota() *quota.Quota {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.parts == nil {
		return nil
	}
	return w.parts.quota
}

// Reload reads the file now. A bad file returns the error (also given to
// OnError) and keeps the running configuration.
func (w *Watcher) Reload() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.reloadLocked()
	if err != nil {
		if w.o.OnError != nil {
			w.o.OnError(err)
		}
		if w.o.Logger != nil {
			w.o.Logger.Warn("claude configuration refused; the running one stays", slog.String("path", w.o.Path), slog.String("error", err.Error()))
		}
	}
	return err
}

// MaxFileSize caps the configuration file: 1 MiB.
const MaxFileSize = 1 << 20

func (w *Watcher) reloadLocked() error {
	// One open, then fstat: a FIFO cannot block the reload and a device such
	// as /dev/zero is not read without end.
	f, err := safefile.ReadFile(w.o.Path, MaxFileSize)
	if err != nil {
		return fmt.Errorf("liveconfig: %w", err)
	}
	cfg, err := Parse(w.o.Path, f.Data)
	if err != nil {
		return err
	}
	opts, p, err := w.build(cfg, w.parts)
	if err != nil {
		return fmt.Errorf("liveconfig: %s: %w", w.o.Path, err)
	}
	c, err := client.New(append(append([]client.Option(nil), w.o.Base...), opts...)...)
	if err != nil {
		return fmt.Errorf("liveconfig: %s: %w", w.o.Path, err)
	}
	w.parts = p
	w.cur.Store(&snapshot{cfg: cfg, client: c})
	if w.o.OnApply != nil {
		w.o.OnApply(cfg)
	}
	if w.o.Logger != nil {
		w.o.Logger.Info("claude configuration applied", slog.String("path", w.o.Path))
	}
	return nil
}

func (w *Watcher) loop(ctx context.Context) {
	defer w.wg.Done()
	name := filepath.Clean(w.o.Path)
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if filepath.Clean(ev.Name) != name || !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) {
				continue
			}
			if _, err := os.Stat(name); err != nil {
				continue // renamed away; its replacement brings a Create
			}
			_ = w.Reload() // reported through OnError and the logger
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if w.o.OnError != nil {
				w.o.OnError(fmt.Errorf("liveconfig: watching: %w", err))
			}
		}
	}
}

// Close stops watching and waits for the watcher's goroutine to end. The
// last client stays usable.
func (w *Watcher) Close() error {
	var err error
	w.stop.Do(func() {
		close(w.done)
		err = w.fsw.Close()
		w.wg.Wait()
	})
	return err
}
