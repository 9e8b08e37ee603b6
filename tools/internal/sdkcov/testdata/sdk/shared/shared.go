package shared

type ErrorObject struct {
	Message string `json:"message" api:"required"`
}
