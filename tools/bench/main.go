// Command bench measures claude-go's streaming and non-streaming paths side
// by side with the official Go SDK (v1.84.0) and a raw floor (net/http,
// bufio lines, encoding/json into a minimal struct), against a loopback
// server running in a separate process (this binary re-executed).
//
// Reported per event (per request for Create): CPU time of this process
// (user+sys from getrusage, so GC and every goroutine count), allocations and
// allocated bytes (runtime.MemStats), and for the concurrent scenario the
// peak live heap above the baseline. Each number is the median over
// interleaved rounds (the order of the clients rotates each round), shown as
// a ratio to the floor.
//
//	go run .                 # default: 7 rounds, about 20 seconds on 2 cores
//	go run . -rounds 11      # steadier medians
//	go run . -only text10k   # one scenario
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// scenario is one measured workload.
type scenario struct {
	name    string
	path    string // server path prefix selecting the body
	stream  bool
	events  int // deltas per stream (0 for Create)
	streams int // concurrent streams per repetition
	reps    int // repetitions per measurement
	body    func() []byte
	read    reading // how a Create reply is read (Create only)
	// firstEvent counts only what runs from the call to the first event in
	// the caller's hands (the rest of the stream is read, uncounted, so the
	// connection is reused as in real use).
	firstEvent bool
	// row labels the scenario in the README's table and chart; empty means
	// its name. hidden keeps it out of both (measured for another row).
	row    string
	hidden bool
	// bare, when set, makes this a watched scenario: claude-go runs it with
	// the INFO JSON logger and claudeotel on (watched.go), and its CPU is
	// compared with the bare scenario of that name (the official SDK, which
	// has neither, is not run).
	bare string
}

var scenarios = []scenario{
	{name: "text 10k deltas", path: "/text10k", stream: true, events: 10000, streams: 1, reps: 3, body: func() []byte { return textStream(10000) }},
	{name: "input_json 10k pieces", path: "/json10k", stream: true, events: 10000, streams: 1, reps: 3, body: func() []byte { return jsonStream(10000) }},
	{name: "text 1k deltas", path: "/text1k", stream: true, events: 1000, streams: 1, reps: 30, body: func() []byte { return textStream(1000) }, hidden: true},
	{name: "500 streams x 200 deltas", path: "/conc", stream: true, events: 200, streams: 500, reps: 1, body: func() []byte { return textStream(200) }},
	{name: "time to first event", path: "/first", stream: true, events: 0, streams: 1, reps: 300, body: func() []byte { return textStream(20) }, firstEvent: true,
		row: "time to first event (client CPU from the call to the first event in hand, loopback)"},
	{name: "create 1KB reply", path: "/create1k", events: 0, streams: 1, reps: 300, body: func() []byte { return createReply(1 << 10) }},
	// The cost of watching: the same work with logging and OpenTelemetry on.
	{name: "text 10k deltas, watched", path: "/text10k-watched", stream: true, events: 10000, streams: 1, reps: 3, body: func() []byte { return textStream(10000) },
		bare: "text 10k deltas", row: "text 10k deltas with the INFO JSON logger and claudeotel on"},
	{name: "create 1KB reply, watched", path: "/create1k-watched", events: 0, streams: 1, reps: 300, body: func() []byte { return createReply(1 << 10) },
		bare: "create 1KB reply", row: "create 1KB reply with the INFO JSON logger and claudeotel on"},
	{name: "create 200KB reply", path: "/create200k", events: 0, streams: 1, reps: 30, body: func() []byte { return createReply(200 << 10) }},
	// The same replies read the other ways users read blocks (reading.go);
	// the rows above read them with the Text helpers.
	{name: "create 1KB, BlockOf switch", path: "/create1k-blockof", streams: 1, reps: 300, body: func() []byte { return createReply(1 << 10) }, read: readBlockOf},
	{name: "create 200KB, BlockOf switch", path: "/create200k-blockof", streams: 1, reps: 30, body: func() []byte { return createReply(200 << 10) }, read: readBlockOf},
	{name: "create 1KB, union As methods", path: "/create1k-as", streams: 1, reps: 300, body: func() []byte { return createReply(1 << 10) }, read: readAs},
	{name: "create 200KB, union As methods", path: "/create200k-as", streams: 1, reps: 30, body: func() []byte { return createReply(200 << 10) }, read: readAs},
	{name: "create 1KB, raw block JSON", path: "/create1k-raw", streams: 1, reps: 300, body: func() []byte { return createReply(1 << 10) }, read: readRaw},
	{name: "create 200KB, raw block JSON", path: "/create200k-raw", streams: 1, reps: 30, body: func() []byte { return createReply(200 << 10) }, read: readRaw},
}

// sample is one measurement, per event (or per request).
type sample struct {
	cpu    float64 // ns
	allocs float64
	bytes  float64
	peak   float64 // bytes above baseline, concurrent scenario only
	wall   float64 // ns from the call to the first event, firstEvent only
}

func main() {
	if os.Getenv(serverEnv) == "1" {
		runServer()
		return
	}
	rounds := flag.Int("rounds", 7, "interleaved measurement rounds (medians are taken over them)")
	scale := flag.Int("scale", 1, "multiply each scenario's repetitions")
	only := flag.String("only", "", "run only scenarios whose path contains this (text10k, json10k, text1k, conc, create1k, create200k, encode)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured runs to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile (every allocation sampled) of the run to this file")
	profileOnly := flag.String("profile-only", "", "run only the floor and this client (claude-go, official SDK or floor), for a profile of it alone")
	readme := flag.String("readme", "", "rewrite the performance table between the bench markers of this README")
	chart := flag.String("chart", "", "write the CPU figures as an SVG bar chart to this file")
	flag.Parse()
	if (*readme != "" || *chart != "") && (*only != "" || *profileOnly != "") {
		fmt.Fprintln(os.Stderr, "bench: -readme and -chart need every scenario and client: drop -only and -profile-only")
		os.Exit(2)
	}
	loadBefore := loadAverage()
	if *memprofile != "" {
		runtime.MemProfileRate = 1
		defer func() {
			f, err := os.Create(*memprofile)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				_ = f.Close()
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench: memprofile:", err)
			}
		}()
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	server, stop, err := startServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	defer stop()

	o, shutdownOurs, err := ours(server)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	defer shutdownOurs()
	impls := []impl{floor(), o, sdk(server)}
	if *profileOnly != "" {
		// Profiling one client: keep the floor for the ratios, drop the
		// third so its work is not in the profile.
		keep := []impl{impls[0]}
		for _, im := range impls[1:] {
			if im.name == *profileOnly {
				keep = append(keep, im, impl{name: im.name + " (again)", stream: im.stream, create: im.create, first: im.first})
			}
		}
		if *profileOnly == "floor" {
			keep = append(keep, impls[0], impls[0])
		}
		impls = keep
	}
	fmt.Printf("claude-go bench: %d rounds, GOMAXPROCS=%d, %s, server in a separate process\n\n", *rounds, runtime.GOMAXPROCS(0), runtime.Version())

	results := map[string]map[string]sample{} // scenario -> impl -> median
	var ran []scenario
	for _, sc := range scenarios {
		if *only != "" && !strings.Contains(sc.path, *only) {
			continue
		}
		sc.reps *= *scale
		base := server + sc.path
		// Warm up: connections, pools, the server's first response.
		for _, im := range impls {
			if sc.bare != "" && im.name == sdkName {
				continue
			}
			if _, err := runOnce(sc, im, base); err != nil {
				fmt.Fprintf(os.Stderr, "bench: %s / %s: %v\n", sc.name, im.name, err)
				os.Exit(1)
			}
		}
		per := map[string][]sample{}
		for r := 0; r < *rounds; r++ {
			for k := range impls {
				im := impls[(k+r)%len(impls)]
				if sc.bare != "" && im.name == sdkName {
					continue
				}
				s, err := measure(sc, im, base)
				if err != nil {
					fmt.Fprintf(os.Stderr, "bench: %s / %s: %v\n", sc.name, im.name, err)
					os.Exit(1)
				}
				per[im.name] = append(per[im.name], s)
			}
		}
		results[sc.name] = map[string]sample{}
		for name, ss := range per {
			results[sc.name][name] = median(ss)
		}
		ran = append(ran, sc)
		fmt.Fprintf(os.Stderr, "  done: %s\n", sc.name)
	}
	printTable(ran, results, impls)
	var enc map[string]encodeResult
	if *only == "" || strings.Contains("encode", *only) {
		if enc, err = runEncodeComparison(); err != nil {
			fmt.Fprintln(os.Stderr, "bench: encode:", err)
			os.Exit(1)
		}
	}
	if *readme != "" || *chart != "" {
		ours, sdk := impls[1].name, impls[2].name
		note := machineNote(*rounds, loadBefore, loadAverage())
		if err := publish(*readme, *chart, readmeRows(ran, results, ours, sdk, enc), chartGroups(ran, results, ours, sdk), ours, sdk, note); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		fmt.Printf("\nwrote %s %s\n", *readme, *chart)
	}
}

// runOnce runs one repetition of the scenario: its streams concurrently.
func runOnce(sc scenario, im impl, base string) (int, error) {
	ctx := context.Background()
	if sc.firstEvent {
		return 0, im.first(ctx, base, func() {})
	}
	call := func(ctx context.Context, base string) (string, error) { return im.create(ctx, base, sc.read) }
	if sc.stream {
		call = im.stream
	}
	if sc.streams == 1 {
		out, err := call(ctx, base)
		return len(out), err
	}
	var wg sync.WaitGroup
	var firstErr atomic.Value
	for i := 0; i < sc.streams; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := call(ctx, base); err != nil {
				firstErr.CompareAndSwap(nil, err)
			}
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return 0, err
	}
	return 0, nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var heapMetric = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapObjects() uint64 {
	metrics.Read(heapMetric)
	return heapMetric[0].Value.Uint64()
}

// measure runs sc.reps repetitions and returns the cost per event.
func measure(sc scenario, im impl, base string) (sample, error) {
	if sc.firstEvent {
		return measureFirst(sc, im, base)
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	base0 := heapObjects()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	if sc.streams > 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(time.Millisecond)
			defer t.Stop()
			for {
				if h := heapObjects(); h > peak.Load() {
					peak.Store(h)
				}
				select {
				case <-done:
					return
				case <-t.C:
				}
			}
		}()
	}
	c0 := cpuTime()
	for i := 0; i < sc.reps; i++ {
		if _, err := runOnce(sc, im, base); err != nil {
			close(done)
			wg.Wait()
			return sample{}, err
		}
	}
	c1 := cpuTime()
	close(done)
	wg.Wait()
	runtime.ReadMemStats(&m1)
	n := float64(sc.reps * sc.streams * max(sc.events, 1))
	s := sample{
		cpu:    float64(c1-c0) / n,
		allocs: float64(m1.Mallocs-m0.Mallocs) / n,
		bytes:  float64(m1.TotalAlloc-m0.TotalAlloc) / n,
	}
	if p := peak.Load(); p > base0 {
		s.peak = float64(p - base0)
	}
	return s, nil
}

func median(ss []sample) sample {
	pick := func(f func(sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		sort.Float64s(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return sample{
		cpu:    pick(func(s sample) float64 { return s.cpu }),
		allocs: pick(func(s sample) float64 { return s.allocs }),
		bytes:  pick(func(s sample) float64 { return s.bytes }),
		peak:   pick(func(s sample) float64 { return s.peak }),
		wall:   pick(func(s sample) float64 { return s.wall }),
	}
}
