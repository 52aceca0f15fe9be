// The libFuzzer side of a .NET fuzz target instrumented by SharpFuzz: libFuzzer runs in this process, the .NET target
// in one child started at initialisation. Built by tools/fuzz.sh (clang -fsanitize=fuzzer); written here because the
// upstream binary (Metalnem/libfuzzer-dotnet) is a download and this is all it takes. The protocol is SharpFuzz's
// (Fuzzer.LibFuzzer.Run, SharpFuzz 2.x):
//  - __LIBFUZZER_SHM_ID names a System V shared-memory segment: 64 KiB of edge counters that the instrumented code
//    bumps, then the input (at most 1 MiB);
//  - the child reads each input's length (int32) from the control pipe (fd 198, __LIBFUZZER_CONTROL_PIPE_ID) and
//    answers on the status pipe (fd 199, __LIBFUZZER_STATUS_PIPE_ID): 0 once when ready, then 0 per input, or
//    non-zero when an exception escaped the target.
// The counters are copied into libFuzzer's extra-counters section after each input, so .NET coverage guides mutation.
// usage: libfuzzer-dotnet [libFuzzer flags] --target_path=PROGRAM --target_args=ARG,ARG... [CORPUS...]
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <unistd.h>

#define MAP_SIZE (1 << 16)
#define DATA_SIZE (1 << 20)
#define CONTROL_FD 198
#define STATUS_FD 199

__attribute__((section("__libfuzzer_extra_counters"))) uint8_t extra_counters[MAP_SIZE];

static int control_fd = -1;
static int status_fd = -1;
static int shm_id = -1;
static uint8_t *shared;

static void fail(const char *what)
{
    fprintf(stderr, "libfuzzer-dotnet: %s: %s\n", what, errno ? strerror(errno) : "failed");
    exit(1);
}

static const char *flag(int argc, char **argv, const char *name)
{
    size_t length = strlen(name);
    for (int i = 1; i < argc; i++)
    {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=')
        {
            return argv[i] + length + 1;
        }
    }

    return NULL;
}

// Reads or writes all 4 bytes, retrying on signals; returns the bytes moved (less than 4: the child is gone).
static ssize_t move4(int fd, void *value, int writing)
{
    ssize_t done = 0;
    while (done < 4)
    {
        ssize_t n = writing ? write(fd, (char *)value + done, 4 - done) : read(fd, (char *)value + done, 4 - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }

        if (n <= 0)
        {
            break;
        }

        done += n;
    }

    return done;
}

static void remove_shared(void)
{
    if (shm_id >= 0)
    {
        shmctl(shm_id, IPC_RMID, NULL);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = flag(*argc, *argv, "--target_path");
    const char *joined = flag(*argc, *argv, "--target_args");
    if (!path)
    {
        fprintf(stderr, "libfuzzer-dotnet: --target_path=PROGRAM is required\n");
        exit(1);
    }

    // argv for the child: PROGRAM, then the comma-separated arguments.
    char *copy = strdup(joined ? joined : "");
    char **args = calloc(strlen(copy) + 2, sizeof(char *));
    int count = 0;
    args[count++] = (char *)path;
    for (char *save = NULL, *arg = strtok_r(copy, ",", &save); arg; arg = strtok_r(NULL, ",", &save))
    {
        args[count++] = arg;
    }

    int control[2], status[2];
    if (pipe(control) || pipe(status))
    {
        fail("pipe");
    }

    shm_id = shmget(IPC_PRIVATE, MAP_SIZE + DATA_SIZE, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0)
    {
        fail("shmget");
    }

    atexit(remove_shared);
    shared = shmat(shm_id, NULL, 0);
    if (shared == (void *)-1)
    {
        fail("shmat");
    }

    pid_t child = fork();
    if (child < 0)
    {
        fail("fork");
    }

    if (child == 0)
    {
        // The target dies with this process (libFuzzer leaves with _exit on a timeout, skipping any cleanup).
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (dup2(control[0], CONTROL_FD) < 0 || dup2(status[1], STATUS_FD) < 0)
        {
            fail("dup2");
        }

        close(control[0]);
        close(control[1]);
        close(status[0]);
        close(status[1]);
        char id[16];
        snprintf(id, sizeof id, "%d", shm_id);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execvp(path, args);
        fail("exec");
    }

    close(control[0]);
    close(status[1]);
    control_fd = control[1];
    status_fd = status[0];
    int32_t ready = 0;
    if (move4(status_fd, &ready, 0) != 4)
    {
        fprintf(stderr, "libfuzzer-dotnet: the target exited before it was ready (is it calling Fuzzer.LibFuzzer.Run?)\n");
        exit(1);
    }

    // Both sides are attached: the segment goes away with the last of them.
    remove_shared();
    shm_id = -1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > DATA_SIZE)
    {
        return 0; // larger than the shared buffer: not a valid input for this driver (make fuzz sets -max_len below it)
    }

    memset(shared, 0, MAP_SIZE);
    memcpy(shared + MAP_SIZE, data, size);
    int32_t length = (int32_t)size;
    int32_t status = 0;
    if (move4(control_fd, &length, 1) != 4 || move4(status_fd, &status, 0) != 4)
    {
        // The .NET process died on this input (stack overflow, fail-fast, out of memory): a crash, kept by libFuzzer.
        fprintf(stderr, "libfuzzer-dotnet: the .NET target terminated on this input\n");
        __builtin_trap();
    }

    memcpy(extra_counters, shared, MAP_SIZE);
    if (status != 0)
    {
        __builtin_trap(); // an exception escaped the target (printed by the child): libFuzzer writes crash-<sha1>
    }

    return 0;
}
