package client_test

import (
	"context"
	"fmt"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

func ExampleBatchesService_ListPage() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	ctx := context.Background()
	for i := range 3 {
		_, err := c.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{
			{CustomID: fmt.Sprint("r", i), Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hi")}}},
		}})
		if err != nil {
			panic(err)
		}
	}
	page, err := c.Batches.ListPage(ctx, client.ListParams{Limit: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), "on the first page; more:", page.HasMore)
	// Output: 2 on the first page; more: true
}

func ExampleBatchesService_Delete() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	ctx := context.Background()
	b, err := c.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{
		{CustomID: "a", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hi")}}},
	}})
	if err != nil {
		panic(err)
	}
	if _, err := c.Batches.Delete(ctx, b.ID); err != nil {
		fmt.Println("still processing: delete refused") // only an ended batch can be deleted
	}
	_, err = c.Batches.Cancel(ctx, b.ID)
	if err != nil {
		panic(err)
	}
	b, err = c.Batches.Get(ctx, b.ID)
	if err != nil {
		panic(err)
	}
	d, err := c.Batches.Delete(ctx, b.ID)
	fmt.Println(err == nil && d.ID == b.ID)
	// Output:
	// still processing: delete refused
	// true
}

func ExampleFilesService_ListPage() {
	c, done := exampleFiles()
	defer done()
	page, err := c.Files.ListPage(context.Background(), client.FileListParams{ListParams: client.ListParams{Limit: 10}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Data), page.HasMore)
	// Output: 1 false
}
