package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/claudego/claude/gen"
	"github.com/claudego/claude/internal/apierror"
)

// ModelsService lists and describes the available models.
type ModelsService service

// ListParams pages through a list. Zero values mean the API's defaults
// (first page, 20 items).
type ListParams struct {
	// AfterID returns the page after this ID (forward paging).
	AfterID string
	// BeforeID returns the page before this ID (backward paging).
	BeforeID string
	// Limit is the page size, 1 to 1000; zero means the API default of 20.
	Limit int
}

// ModelListParams filters and pages the model list.
type ModelListParams struct {
	ListParams
	// Lifecycle keeps only models in these stages (active, deprecated,
	// retired; up to 3). Empty lists the active and deprecated models;
	// retired ones appear only when asked for.
	Lifecycle []string
}

// modelLifecycles are the stages ModelListParams.Lifecycle accepts.
var modelLifecycles = []string{"active", "deprecated", "retired"}

func (p ModelListParams) validate() error {
	if err := p.ListParams.validate(); err != nil {
		return err
	}
	if len(p.Lifecycle) > len(modelLifecycles) {
		return &ValidationError{Field: "lifecycle", Reason: fmt.Sprintf("at most %d stages, got %d", len(modelLifecycles), len(p.Lifecycle))}
	}
	for i, l := range p.Lifecycle {
		if err := checkEnum(fmt.Sprintf("lifecycle[%d]", i), l, modelLifecycles); err != nil {
			return err
		}
	}
	return nil
}

// ListPage returns one page of models, most recent first.
//
// API: GET /v1/models
func (s *ModelsService) ListPage(ctx context.Context, params ModelListParams, opts ...Option) (*ModelListResponse, error) {
	const op = "models.list"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if err := params.validate(); err != nil {
		return nil, apierror.Wrap(op, err)
	}
	p := &gen.ListModelsParams{AfterID: params.afterID(), BeforeID: params.beforeID(), Limit: params.limit(),
		Lifecycle: slicePtr(convert[gen.ListModelsParamsLifecycle](params.Lifecycle))}
	return doJSON[ModelListResponse](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewListModelsRequest(server, p)
	})
}

// List iterates over every model, fetching pages as the loop advances
// (forward from params.AfterID, or backward when only BeforeID is set). An
// error ends the iteration after being yielded once; breaking out of the loop
// stops fetching.
//
// API: GET /v1/models
func (s *ModelsService) List(ctx context.Context, params ModelListParams, opts ...Option) iter.Seq2[ModelInfo, error] {
	return paginate(ctx, params.ListParams, func(ctx context.Context, lp ListParams) ([]ModelInfo, bool, string, string, error) {
		p := params
		p.ListParams = lp
		page, err := s.ListPage(ctx, p, opts...)
		if err != nil {
			return nil, false, "", "", err
		}
		return page.Data, page.HasMore, page.FirstID, page.LastID, nil
	})
}

// Get returns one model by ID or alias.
//
// API: GET /v1/models/{model_id}
func (s *ModelsService) Get(ctx context.Context, id string, opts ...Option) (*ModelInfo, error) {
	const op = "models.get"
	cfg, err := s.client.callConfig(opts)
	if err != nil {
		return nil, apierror.Wrap(op, err)
	}
	if id == "" {
		return nil, apierror.Wrap(op, &ValidationError{Field: "model_id", Reason: "must not be empty"})
	}
	return doJSON[ModelInfo](ctx, s.client, op, cfg, func(server string) (*http.Request, error) {
		return gen.NewGetModelRequest(server, id, nil)
	})
}
