// Package redistest starts a real redis-server for a test, on a free
// loopback port, and stops it when the test ends.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a redis-server started by Start.
type Server struct {
	Addr string // host:port
	URL  string // redis://host:port/0
}

// Client returns a new client of s, closed when t ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr})
	t.Cleanup(func() { c.Close() })
	return c
}

// Required reports whether tests must fail rather than skip when a service
// they need is missing (CI sets DASHKIT_REQUIRE_SERVICES=1).
func Required() bool { return os.Getenv("DASHKIT_REQUIRE_SERVICES") == "1" }

// Start runs redis-server on a free port of 127.0.0.1, without persistence,
// and stops it in t.Cleanup. Without redis-server on PATH the test is
// skipped, or fails when Required.
// args are passed on to redis-server (for instance "--databases", "64").
func Start(t testing.TB, args ...string) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		msg := "redis-server is not on PATH (apt-get install -y redis-server): " + err.Error()
		if Required() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	for attempt := 0; ; attempt++ {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
			"--dir", t.TempDir())
		cmd.Args = append(cmd.Args, args...)
		if err := cmd.Start(); err != nil {
			t.Fatalf("start redis-server: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		s := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", port)}
		s.URL = "redis://" + s.Addr + "/0"
		if waitReady(s.Addr, exited) {
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return s
		}
		cmd.Process.Kill()
		<-exited
		if attempt == 3 {
			t.Fatalf("redis-server did not start on %s", s.Addr)
		}
	}
}

func waitReady(addr string, exited <-chan struct{}) bool {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false // the port was taken in between: try another
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
