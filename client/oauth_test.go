package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// oauthAPI creates an API that uses Tyk's OAuth provider.
func oauthAPI(t *testing.T, c *client.Client, listenPath string) *client.CreatedAPI {
	t.Helper()
	api := classicAPI("OAuth "+listenPath, listenPath)
	api.APIDefinition.UseStandardAuth = false
	api.APIDefinition.UseOauth2 = true
	created, err := c.APIs.Create(context.Background(), api)
	if err != nil {
		t.Fatalf("create OAuth API: %v", err)
	}
	return created
}

func TestOAuthClients(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	api := oauthAPI(t, c, "/oauth/")

	cl, err := c.OAuth.Create(ctx, api.APIID, &model.OAuthClient{ClientRedirectURI: "https://app.example.org/cb",
		Description: "web app", MetaData: map[string]string{"team": "web"}})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if cl.ClientID == "" || cl.ClientSecret == "" {
		t.Fatalf("created = %+v: want a generated id and secret", cl)
	}
	got, err := c.OAuth.Get(ctx, api.APIID, cl.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Description != "web app" || got.MetaData["team"] != "web" {
		t.Errorf("Get = %+v", got)
	}

	// The authorization step issues a code, sent to the client's redirect
	// URI; the code is among the client's tokens.
	auth, err := c.OAuth.AuthorizeClient(ctx, api.APIID, client.AuthorizeRequest{
		ResponseType: "code", ClientID: cl.ClientID, RedirectURI: "https://app.example.org/cb",
		KeyRules: &model.SessionState{Rate: 10, Per: 1},
	})
	if err != nil {
		t.Fatalf("AuthorizeClient: %v", err)
	}
	if auth.Code == "" || !strings.HasPrefix(auth.RedirectTo, "https://app.example.org/cb") {
		t.Errorf("authorization = %+v", auth)
	}
	tokens, err := c.OAuth.Tokens(ctx, api.APIID, cl.ClientID)
	if err != nil {
		t.Fatalf("Tokens: %v", err)
	}
	if len(tokens) != 1 || tokens[0].Code != auth.Code {
		t.Errorf("tokens = %+v", tokens)
	}
	// A redirect URI that is not the client's is refused.
	if _, err := c.OAuth.AuthorizeClient(ctx, api.APIID, client.AuthorizeRequest{
		ResponseType: "code", ClientID: cl.ClientID, RedirectURI: "https://evil.example.org/",
	}); !errors.Is(err, client.ErrInvalid) && !errors.Is(err, client.ErrForbidden) && !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("foreign redirect URI: %v", err)
	}

	if err := c.OAuth.RevokeToken(ctx, cl.ClientID, auth.Code, "access_token", cl.ClientSecret); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if tokens, err = c.OAuth.Tokens(ctx, api.APIID, cl.ClientID); err != nil || len(tokens) != 0 {
		t.Errorf("tokens after RevokeToken: %+v, %v", tokens, err)
	}
	if _, err := c.OAuth.AuthorizeClient(ctx, api.APIID, client.AuthorizeRequest{
		ResponseType: "code", ClientID: cl.ClientID, RedirectURI: "https://app.example.org/cb"}); err != nil {
		t.Fatal(err)
	}
	if err := c.OAuth.RevokeAll(ctx, cl.ClientID, "not-the-secret"); err == nil {
		t.Error("RevokeAll with a wrong secret: no error")
	}
	if err := c.OAuth.RevokeAll(ctx, cl.ClientID, cl.ClientSecret); err != nil {
		t.Fatalf("RevokeAll: %v", err)
	}
	if tokens, err = c.OAuth.Tokens(ctx, api.APIID, cl.ClientID); err != nil || len(tokens) != 0 {
		t.Errorf("tokens after RevokeAll: %+v, %v", tokens, err)
	}

	reader := userClient(t, srv, model.UserPermissions{"oauth": model.PermRead})
	if _, err := reader.OAuth.Get(ctx, api.APIID, cl.ClientID); err != nil {
		t.Errorf("reader Get: %v", err)
	}
	if err := reader.OAuth.Delete(ctx, api.APIID, cl.ClientID); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Delete: %v, want ErrForbidden", err)
	}

	if err := c.OAuth.Delete(ctx, api.APIID, cl.ClientID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.OAuth.Get(ctx, api.APIID, cl.ClientID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	// The clients of an API that does not exist: a 400 at the Dashboard,
	// ErrNotFound here.
	if _, err := c.OAuth.List(ctx, "0123456789abcdef01234567", client.ListOptions{}); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("List of a missing API: %v, want ErrNotFound", err)
	}
}

func TestOAuthPagination(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	api := oauthAPI(t, c, "/oauth-many/")
	for i := range 5 {
		if _, err := c.OAuth.Create(ctx, api.APIID, &model.OAuthClient{
			ClientRedirectURI: fmt.Sprintf("https://app%d.example.org/cb", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(collect(t, c.OAuth.All(ctx, api.APIID, client.ListOptions{}))); n != 5 {
		t.Errorf("All: %d clients, want 5", n)
	}
}
