// Package pgtest gives tests a PostgreSQL server: the one DASHKIT_POSTGRES_DSN
// names, or one it starts itself from the server binaries (initdb and
// postgres, in PATH or /usr/lib/postgresql/15/bin) in a temporary folder, on
// 127.0.0.1 and a free port, once per test binary. A package using it stops
// that server at the end with Main:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// Without PostgreSQL the tests skip, saying why, unless
// DASHKIT_REQUIRE_SERVICES=1 (as in CI): then they fail.
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dashkit/dashkit/store/pgstore"
	"github.com/jackc/pgx/v5"
)

var (
	once    sync.Once
	dsn     string
	started *server
	errDSN  error
)

type server struct {
	dir string
	cmd *exec.Cmd
}

// Main runs the tests of m and stops the server they started, if any.
func Main(m *testing.M) int {
	code := m.Run()
	if started != nil {
		started.stop()
	}
	return code
}

// DSN returns the address of the server, starting it at the first call.
func DSN(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		if d := os.Getenv("DASHKIT_POSTGRES_DSN"); d != "" {
			dsn = d
			return
		}
		started, dsn, errDSN = start()
	})
	if errDSN != nil {
		if os.Getenv("DASHKIT_REQUIRE_SERVICES") == "1" {
			t.Fatalf("PostgreSQL: %v", errDSN)
		}
		t.Skipf("PostgreSQL: %v (set DASHKIT_POSTGRES_DSN to use a running server)", errDSN)
	}
	return dsn
}

var schemas atomic.Int64

// NewStore returns a store in a schema of its own, empty, closed (and its
// schema dropped) when t ends.
func NewStore(t testing.TB, opts ...pgstore.Option) *pgstore.Store {
	t.Helper()
	d := DSN(t)
	schema := fmt.Sprintf("dashkit_test_%d_%d", os.Getpid(), schemas.Add(1))
	s, err := pgstore.New(context.Background(), d, append([]pgstore.Option{pgstore.WithSchema(schema), pgstore.WithMaxConns(4)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		DropSchema(t, schema)
	})
	return s
}

// DropSchema drops a schema of the test server.
func DropSchema(t testing.TB, schema string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, DSN(t))
	if err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
	}
}

// binary finds a PostgreSQL program.
func binary(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	p := filepath.Join("/usr/lib/postgresql/15/bin", name)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s is neither in PATH nor in /usr/lib/postgresql/15/bin", name)
}

func start() (*server, string, error) {
	initdb, err := binary("initdb")
	if err != nil {
		return nil, "", err
	}
	postgres, err := binary("postgres")
	if err != nil {
		return nil, "", err
	}
	dir, err := os.MkdirTemp("", "dashkit-pg-")
	if err != nil {
		return nil, "", err
	}
	srv := &server{dir: dir}
	// PostgreSQL refuses to run as root: as root, run it as the postgres
	// system user, owner of the folder.
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, "", fmt.Errorf("running as root and no postgres user to run the server as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, "", err
		}
	}
	command := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		// SIGQUIT is PostgreSQL's immediate shutdown: if the test binary
		// dies, so does the server.
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
		return cmd
	}
	data := filepath.Join(dir, "data")
	if out, err := command(initdb, "-D", data, "-U", "dashkit", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, "", fmt.Errorf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", err
	}
	// Durability is not what these tests are about: fsync off makes them
	// fast.
	srv.cmd = command(postgres, "-D", data, "-k", dir, "-h", "127.0.0.1", "-p", strconv.Itoa(port),
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400")
	logFile, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err == nil {
		srv.cmd.Stdout, srv.cmd.Stderr = logFile, logFile
	}
	if err := srv.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, "", fmt.Errorf("start postgres: %v", err)
	}
	d := fmt.Sprintf("postgres://dashkit@127.0.0.1:%d/postgres?sslmode=disable", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, d)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return srv, d, nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
			srv.stop()
			return nil, "", fmt.Errorf("postgres did not start: %v\n%s", err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		done := make(chan error, 1)
		go func() { done <- s.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-done
		}
	}
	os.RemoveAll(s.dir)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
