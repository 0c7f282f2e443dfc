// Command pulumi-language-nodejs fronts the Node.js language host that build.sh
// builds from github.com/pulumi/pulumi/sdk/v3@v3.68.0, the newest release of it
// that the Go module proxy mirror serves. That host runs programs the way the
// current CLI expects, but it predates RunPlugin, which the CLI now uses to
// start policy packs. This front starts the real host, forwards every call to
// it, and answers RunPlugin for policy packs itself by running
// @pulumi/pulumi/cmd/run-policy-pack from the pack's own node_modules, as the
// pulumi-analyzer-policy script does.
//
// The real host is looked up as $PULUMI_LANGUAGE_NODEJS_HOST, else
// ../libexec/pulumi-language-nodejs next to this executable.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	hostPath, err := realHostPath()
	if err != nil {
		return err
	}

	// The real host gets our arguments unchanged (flags, then the engine address).
	child := exec.Command(hostPath, os.Args[1:]...)
	child.Stderr = os.Stderr
	childOut, err := child.StdoutPipe()
	if err != nil {
		return err
	}
	if err := child.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", hostPath, err)
	}
	defer func() { _ = child.Process.Kill() }()

	// Like every plugin, the host's first stdout line is its port.
	out := bufio.NewReader(childOut)
	line, err := out.ReadString('\n')
	if err != nil {
		return fmt.Errorf("reading the port of %s: %w", hostPath, err)
	}
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return fmt.Errorf("%s printed %q instead of a port", hostPath, line)
	}

	conn, err := grpc.NewClient("127.0.0.1:"+strconv.Itoa(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(400*1024*1024)))
	if err != nil {
		return err
	}
	defer conn.Close()

	srv := grpc.NewServer(grpc.MaxRecvMsgSize(400 * 1024 * 1024))
	pulumirpc.RegisterLanguageRuntimeServer(srv, &front{real: pulumirpc.NewLanguageRuntimeClient(conn)})

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	// Our port must be the first line the CLI reads; whatever the real host
	// prints later is passed through after it.
	fmt.Println(lis.Addr().(*net.TCPAddr).Port)
	go func() { _, _ = io.Copy(os.Stdout, out) }()

	// The CLI ends a language host by killing its process group, which takes
	// the real host with it; if the real host dies first, so do we.
	go func() {
		_ = child.Wait()
		srv.Stop()
	}()
	return srv.Serve(lis)
}

func realHostPath() (string, error) {
	if p := os.Getenv("PULUMI_LANGUAGE_NODEJS_HOST"); p != "" {
		return p, nil
	}
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	p := filepath.Join(filepath.Dir(self), "..", "libexec", "pulumi-language-nodejs")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("the Node.js language host is missing (%w); run e2e/toolchain/build.sh", err)
	}
	return p, nil
}

// front forwards each call to the real host. A call the real host does not
// know comes back as Unimplemented, which the CLI already handles for older hosts.
type front struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	real pulumirpc.LanguageRuntimeClient
}

func (f *front) Handshake(ctx context.Context, r *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return f.real.Handshake(ctx, r)
}

//nolint:staticcheck // still called by the CLI for hosts without GetRequiredPackages
func (f *front) GetRequiredPlugins(ctx context.Context, r *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return f.real.GetRequiredPlugins(ctx, r)
}

func (f *front) GetRequiredPackages(ctx context.Context, r *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return f.real.GetRequiredPackages(ctx, r)
}

func (f *front) Run(ctx context.Context, r *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return f.real.Run(ctx, r)
}

func (f *front) GetPluginInfo(ctx context.Context, r *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return f.real.GetPluginInfo(ctx, r)
}

func (f *front) RuntimeOptionsPrompts(ctx context.Context, r *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return f.real.RuntimeOptionsPrompts(ctx, r)
}

func (f *front) Template(ctx context.Context, r *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return f.real.Template(ctx, r)
}

func (f *front) About(ctx context.Context, r *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return f.real.About(ctx, r)
}

func (f *front) GetProgramDependencies(ctx context.Context, r *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return f.real.GetProgramDependencies(ctx, r)
}

func (f *front) GenerateProgram(ctx context.Context, r *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return f.real.GenerateProgram(ctx, r)
}

func (f *front) GenerateProject(ctx context.Context, r *pulumirpc.GenerateProjectRequest) (*pulumirpc.GenerateProjectResponse, error) {
	return f.real.GenerateProject(ctx, r)
}

func (f *front) GeneratePackage(ctx context.Context, r *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return f.real.GeneratePackage(ctx, r)
}

func (f *front) Pack(ctx context.Context, r *pulumirpc.PackRequest) (*pulumirpc.PackResponse, error) {
	return f.real.Pack(ctx, r)
}

func (f *front) Link(ctx context.Context, r *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return f.real.Link(ctx, r)
}

func (f *front) Cancel(ctx context.Context, r *emptypb.Empty) (*emptypb.Empty, error) {
	return f.real.Cancel(ctx, r)
}

func (f *front) InstallDependencies(r *pulumirpc.InstallDependenciesRequest,
	s grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	in, err := f.real.InstallDependencies(s.Context(), r)
	if err != nil {
		return err
	}
	return pipeStream(in.Recv, s.Send)
}

func (f *front) RunPlugin(r *pulumirpc.RunPluginRequest, s grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	if r.GetKind() == "analyzer" {
		return runPolicyPack(r, s)
	}
	in, err := f.real.RunPlugin(s.Context(), r)
	if err != nil {
		return err
	}
	return pipeStream(in.Recv, s.Send)
}

func pipeStream[T any](recv func() (*T, error), send func(*T) error) error {
	for {
		msg, err := recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := send(msg); err != nil {
			return err
		}
	}
}

// runPolicyPack starts a Node.js policy pack the way the pulumi-analyzer-policy
// script does: node <pack's @pulumi/pulumi/cmd/run-policy-pack> <args...> <entry point>,
// from the pack's directory, so the pack's own SDK and TypeScript are used.
func runPolicyPack(r *pulumirpc.RunPluginRequest, s grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	ctx := s.Context()
	info := r.GetInfo()
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = r.GetPwd()
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}

	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	resolve := exec.CommandContext(ctx, node, "-e",
		`console.log(require.resolve("@pulumi/pulumi/cmd/run-policy-pack"))`)
	resolve.Dir = dir
	script, err := resolve.Output()
	if err != nil {
		return fmt.Errorf("could not find @pulumi/pulumi/cmd/run-policy-pack from %s "+
			"(has the policy pack's npm install run?): %w", dir, err)
	}

	args := append([]string{strings.TrimSpace(string(script))}, r.GetArgs()...)
	args = append(args, entry)
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), r.GetEnv()...)

	var mu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) error {
		mu.Lock()
		defer mu.Unlock()
		return s.Send(resp)
	}
	cmd.Stdout = writerFunc(func(p []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: p}})
	})
	cmd.Stderr = writerFunc(func(p []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: p}})
	})

	code := int32(0)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return fmt.Errorf("running the policy pack in %s: %w", dir, err)
		}
		code = int32(exit.ExitCode())
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// writerFunc copies each chunk before handing it on: exec reuses its buffer.
type writerFunc func([]byte) error

func (w writerFunc) Write(p []byte) (int, error) {
	if err := w(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
