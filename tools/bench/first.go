package main

import (
	"context"
	"errors"
	"runtime"
	"runtime/metrics"
	"time"
)

// allocMetrics are read around the counted part of a first-event call.
// runtime/metrics, unlike ReadMemStats, does not stop the world, so reading
// them costs the window little; small allocations are counted when a span is
// handed to the allocating thread, so a single call's figure is coarse and
// only the mean over many calls means something.
var allocMetrics = []metrics.Sample{{Name: "/gc/heap/allocs:objects"}, {Name: "/gc/heap/allocs:bytes"}}

func allocCounts() (objects, bytes uint64) {
	metrics.Read(allocMetrics)
	return allocMetrics[0].Value.Uint64(), allocMetrics[1].Value.Uint64()
}

// measureFirst runs sc.reps streams one after another and counts, for each,
// only the CPU time (process-wide: the transport's goroutines count), wall
// time and allocations from the call until the first event is in hand.
func measureFirst(sc scenario, im impl, base string) (sample, error) {
	runtime.GC()
	ctx := context.Background()
	var cpu, wall time.Duration
	var objs, bytes uint64
	for i := 0; i < sc.reps; i++ {
		o0, b0 := allocCounts()
		c0 := cpuTime()
		t0 := time.Now()
		marked := false
		err := im.first(ctx, base, func() {
			wall += time.Since(t0)
			cpu += cpuTime() - c0
			o1, b1 := allocCounts()
			objs += o1 - o0
			bytes += b1 - b0
			marked = true
		})
		if err != nil {
			return sample{}, err
		}
		if !marked {
			return sample{}, errNoFirstEvent
		}
	}
	n := float64(sc.reps)
	return sample{cpu: float64(cpu) / n, wall: float64(wall) / n, allocs: float64(objs) / n, bytes: float64(bytes) / n}, nil
}

var errNoFirstEvent = errors.New("the stream ended before its first event")
