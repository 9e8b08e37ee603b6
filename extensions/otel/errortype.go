package claudeotel

import "strconv"

// errorTypeOf is the error.type of an event: the class the client named
// (client.ErrorType, the one rule the logger's error_type uses too), else the
// HTTP status of a failed reply, else "". The client sets Event.ErrorType on
// every failure it reports, so the fallback only covers a layer's event that
// carries a status and no error.
func errorTypeOf(errType string, status int) string {
	if errType != "" {
		return errType
	}
	if status >= 400 {
		return strconv.Itoa(status)
	}
	return ""
}
