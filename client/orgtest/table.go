package orgtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// table holds objects by ID in creation order.
type table[T any] struct {
	ids  []string
	rows map[string]*T
}

func (t *table[T]) put(id string, v T) *T {
	if t.rows == nil {
		t.rows = map[string]*T{}
	}
	if _, ok := t.rows[id]; !ok {
		t.ids = append(t.ids, id)
	}
	t.rows[id] = &v
	return t.rows[id]
}

func (t *table[T]) get(id string) (*T, bool) {
	v, ok := t.rows[id]
	return v, ok
}

func (t *table[T]) remove(id string) bool {
	if _, ok := t.rows[id]; !ok {
		return false
	}
	delete(t.rows, id)
	for i, v := range t.ids {
		if v == id {
			t.ids = append(t.ids[:i], t.ids[i+1:]...)
			break
		}
	}
	return true
}

// list returns the rows keep accepts, in creation order.
func (t *table[T]) list(keep func(*T) bool) (ids []string, rows []T) {
	for _, id := range t.ids {
		if v := t.rows[id]; keep == nil || keep(v) {
			ids = append(ids, id)
			rows = append(rows, *v)
		}
	}
	return ids, rows
}

// find returns the row of t with id, or answers 404 naming kind and id.
func find[T any](w http.ResponseWriter, t *table[T], kind, id string) (*T, bool) {
	v, ok := t.get(id)
	if !ok {
		notFound(w, kind, id)
	}
	return v, ok
}

// show is the handler of GET .../{param}: the row of t the path names, as
// JSON, or a 404 naming kind.
func show[T any](t *table[T], kind, param string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if v, ok := find(w, t, kind, r.PathValue(param)); ok {
			writeJSON(w, v)
		}
	}
}

// idPage is one page of an ID-paged list, as the API sends it.
type idPage[T any] struct {
	Data    []T     `json:"data"`
	HasMore bool    `json:"has_more"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
}

// pageByID answers after_id, before_id and limit over ids/rows; an unknown
// cursor is a 400 naming it.
func pageByID[T any](w http.ResponseWriter, r *http.Request, ids []string, rows []T) {
	n, ok := limit(w, r, 20, 1000)
	if !ok {
		return
	}
	q := r.URL.Query()
	index := func(field, id string) (int, bool) {
		for i, v := range ids {
			if v == id {
				return i, true
			}
		}
		badRequest(w, field, "unknown ID "+id)
		return 0, false
	}
	var start, end int
	var more bool
	switch after, before := q.Get("after_id"), q.Get("before_id"); {
	case after != "" && before != "":
		badRequest(w, "after_id", "cannot be combined with before_id")
		return
	case after != "":
		i, ok := index("after_id", after)
		if !ok {
			return
		}
		start = i + 1
		end = min(start+n, len(ids))
		more = end < len(ids)
	case before != "":
		i, ok := index("before_id", before)
		if !ok {
			return
		}
		end = i
		start = max(0, end-n)
		more = start > 0
	default:
		end = min(n, len(ids))
		more = end < len(ids)
	}
	p := idPage[T]{Data: append([]T{}, rows[start:end]...), HasMore: more}
	if end > start {
		p.FirstID, p.LastID = &ids[start], &ids[end-1]
	}
	writeJSON(w, p)
}

// cursorPage is one page of a token-paged list.
type cursorPage[T any] struct {
	Data     []T     `json:"data"`
	HasMore  bool    `json:"has_more"`
	NextPage *string `json:"next_page"`
}

// pageByCursor answers page and limit (up to max) with next_page tokens
// "page_N" (N the offset); a malformed token is a 400 naming page.
func pageByCursor[T any](w http.ResponseWriter, r *http.Request, rows []T, max int) {
	n, ok := limit(w, r, 20, max)
	if !ok {
		return
	}
	start := 0
	if tok := r.URL.Query().Get("page"); tok != "" {
		off, err := strconv.Atoi(strings.TrimPrefix(tok, "page_"))
		if err != nil || !strings.HasPrefix(tok, "page_") || off < 0 || off > len(rows) {
			badRequest(w, "page", "invalid page token")
			return
		}
		start = off
	}
	end := min(start+n, len(rows))
	p := cursorPage[T]{Data: append([]T{}, rows[start:end]...), HasMore: end < len(rows)}
	if p.HasMore {
		tok := fmt.Sprintf("page_%d", end)
		p.NextPage = &tok
	}
	writeJSON(w, p)
}
