package emulator

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FilesBeta is the anthropic-beta name the Files API took in beta. The
// emulator serves Files requests with or without it: the Files API is
// generally available (the official SDK v1.84.0's FileService sends no
// beta), and clients built for the beta still send it.
const FilesBeta = "files-api-2025-04-14"

// storedFile is one file of the in-memory Files API.
type storedFile struct {
	meta    wireFile
	content []byte
}

// wireFile is a file's metadata as the API sends it.
type wireFile struct {
	ID           string `json:"id"`
	Type         string `json:"type"`
	Filename     string `json:"filename"`
	MimeType     string `json:"mime_type"`
	SizeBytes    int64  `json:"size_bytes"`
	CreatedAt    string `json:"created_at"`
	Downloadable bool   `json:"downloadable"`
}

// errStorageFull is returned when a file does not fit in
// Config.MaxStoredBytes.
var errStorageFull = errors.New("emulator: file storage is full")

// AddFile stores a file as the API itself would create one (a code
// execution output, say): downloadable, unlike uploads, which the API never
// serves back. It returns the file's ID, or an error when the content does
// not fit in Config.MaxStoredBytes. Use it to test Files.Download.
func (h *Handler) AddFile(filename, mimeType string, content []byte) (string, error) {
	if filename == "" {
		return "", errors.New("emulator: AddFile: empty filename")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	f, err := h.storeFile(filename, mimeType, bytes.Clone(content), true)
	if err != nil {
		return "", err
	}
	return f.meta.ID, nil
}

// storeFile adds a file. Call with h.mu held.
func (h *Handler) storeFile(filename, mimeType string, content []byte, downloadable bool) (*storedFile, error) {
	size := int64(len(content))
	if h.storedUsed+size > h.cfg.MaxStoredBytes {
		return nil, errStorageFull
	}
	if mimeType == "" || mimeType == "application/octet-stream" {
		if t := mime.TypeByExtension(filepath.Ext(filename)); t != "" {
			mimeType, _, _ = strings.Cut(t, ";")
		}
	}
	if mimeType == "" {
		mimeType = "application/octet-stream"
	}
	f := &storedFile{
		meta: wireFile{
			ID: newID("file_emu_"), Type: "file", Filename: filename, MimeType: mimeType,
			SizeBytes: size, CreatedAt: stamp(time.Now()), Downloadable: downloadable,
		},
		content: content,
	}
	h.files[f.meta.ID] = f
	h.fileOrder = append([]string{f.meta.ID}, h.fileOrder...)
	h.storedUsed += size
	return f, nil
}

// files serves /v1/files (upload, list) and /v1/files/{id}[/content] (get,
// delete, download), or returns nil for any other path.
func (x *exchange) files(path string, body []byte) *response {
	if path != "/v1/files" && !strings.HasPrefix(path, "/v1/files/") {
		return nil
	}
	m := x.r.Method
	if path == "/v1/files" {
		switch m {
		case http.MethodPost:
			return x.uploadFile(body)
		case http.MethodGet:
			return x.listFiles()
		}
		return x.apiError(http.StatusMethodNotAllowed, "invalid_request_error", "Method Not Allowed")
	}
	id, action, _ := strings.Cut(strings.TrimPrefix(path, "/v1/files/"), "/")
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	f := x.h.files[id]
	if f == nil {
		return x.apiError(http.StatusNotFound, "not_found_error", "File not found: "+id)
	}
	switch {
	case action == "" && m == http.MethodGet:
		return jsonResponse(f.meta)
	case action == "" && m == http.MethodDelete:
		delete(x.h.files, id)
		x.h.fileOrder = slices.DeleteFunc(x.h.fileOrder, func(o string) bool { return o == id })
		x.h.storedUsed -= f.meta.SizeBytes
		return jsonResponse(struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		}{id, "file_deleted"})
	case action == "content" && m == http.MethodGet:
		if !f.meta.Downloadable {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "File "+id+" cannot be downloaded: only files the API created (downloadable: true) can be downloaded, not uploads")
		}
		h := http.Header{}
		// The spec (openapi/anthropic.yaml) describes the content as
		// application/octet-stream whatever the file's mime_type.
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.meta.Filename}))
		return &response{status: http.StatusOK, header: h, body: f.content}
	}
	return x.apiError(http.StatusNotFound, "not_found_error", "Not Found")
}

// uploadFile stores the "file" part of a multipart/form-data body.
func (x *exchange) uploadFile(body []byte) *response {
	mt, params, err := mime.ParseMediaType(x.r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "Content-Type: expected multipart/form-data with a boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "file: Field required")
		}
		if err != nil {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "There was an error parsing the body of your request: "+err.Error())
		}
		if part.FormName() != "file" {
			continue
		}
		name := part.FileName()
		if name == "" {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "file: a filename is required")
		}
		content, err := io.ReadAll(part) // bounded by the body, itself capped
		if err != nil {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "There was an error parsing the body of your request: "+err.Error())
		}
		ctype, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		x.h.mu.Lock()
		defer x.h.mu.Unlock()
		f, err := x.h.storeFile(name, ctype, content, false)
		if err != nil {
			return x.tooLarge("file storage is full: " + strconv.FormatInt(x.h.storedUsed, 10) + " of " +
				strconv.FormatInt(x.h.cfg.MaxStoredBytes, 10) + " bytes used (Config.MaxStoredBytes); delete files first")
		}
		return jsonResponse(f.meta)
	}
}

// listFiles pages the files, newest first; with ids[] it returns those of
// them that exist as one page, as the API does.
func (x *exchange) listFiles() *response {
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	order := x.h.fileOrder
	if ids := x.r.URL.Query()["ids[]"]; len(ids) > 0 {
		if len(ids) > 100 {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "ids: at most 100 IDs")
		}
		items := []wireFile{}
		for _, id := range order {
			if slices.Contains(ids, id) {
				items = append(items, x.h.files[id].meta)
			}
		}
		return jsonResponse(newListPage(items, false, func(f wireFile) string { return f.ID }))
	}
	lo, hi, more, errResp := x.pageBounds(len(order), func(i int) string { return order[i] })
	if errResp != nil {
		return errResp
	}
	items := make([]wireFile, 0, hi-lo)
	for _, id := range order[lo:hi] {
		items = append(items, x.h.files[id].meta)
	}
	return jsonResponse(newListPage(items, more, func(f wireFile) string { return f.ID }))
}
