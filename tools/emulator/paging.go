package emulator

import (
	"net/http"
	"strconv"
)

// pageBounds applies the API's list parameters to n items, newest first,
// whose IDs idAt returns: limit (default 20, 1-1000), after_id (the page
// after that ID) or before_id (the page just before it). It returns the
// slice bounds and has_more, or an error response.
func (x *exchange) pageBounds(n int, idAt func(int) string) (lo, hi int, hasMore bool, errResp *response) {
	q := x.r.URL.Query()
	limit := 20
	if v := q.Get("limit"); v != "" {
		l, err := strconv.Atoi(v)
		if err != nil || l < 1 || l > 1000 {
			return 0, 0, false, x.apiError(http.StatusBadRequest, "invalid_request_error", "limit: Input should be between 1 and 1000")
		}
		limit = l
	}
	after, before := q.Get("after_id"), q.Get("before_id")
	if after != "" && before != "" {
		return 0, 0, false, x.apiError(http.StatusBadRequest, "invalid_request_error", "after_id: cannot be combined with before_id")
	}
	index := func(id string) int {
		for i := range n {
			if idAt(i) == id {
				return i
			}
		}
		return -1
	}
	switch {
	case after != "":
		i := index(after)
		if i < 0 {
			return 0, 0, false, x.apiError(http.StatusBadRequest, "invalid_request_error", "after_id: unknown id "+after)
		}
		lo = i + 1
		hi = min(lo+limit, n)
		return lo, hi, hi < n, nil
	case before != "":
		i := index(before)
		if i < 0 {
			return 0, 0, false, x.apiError(http.StatusBadRequest, "invalid_request_error", "before_id: unknown id "+before)
		}
		hi = i
		lo = max(hi-limit, 0)
		return lo, hi, lo > 0, nil
	}
	hi = min(limit, n)
	return 0, hi, hi < n, nil
}

// pageOf is the API's list envelope; first_id and last_id are null on an
// empty page.
type pageOf[T any] struct {
	Data    []T     `json:"data"`
	HasMore bool    `json:"has_more"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
}

func newListPage[T any](items []T, hasMore bool, idOf func(T) string) pageOf[T] {
	p := pageOf[T]{Data: items, HasMore: hasMore}
	if p.Data == nil {
		p.Data = []T{}
	}
	if n := len(items); n > 0 {
		first, last := idOf(items[0]), idOf(items[n-1])
		p.FirstID, p.LastID = &first, &last
	}
	return p
}
