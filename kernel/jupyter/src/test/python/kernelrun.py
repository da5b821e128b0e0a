"""Small helpers to drive the installed "portolan" kernel through jupyter_client: start it, run a
cell and collect what it printed. Shared by the survival tests and the benchmark."""

from jupyter_client.manager import KernelManager

KERNEL_NAME = "portolan"


def start(startup_timeout=60, env=None, **manager_options):
    """Starts the kernel (with `env` as its environment, if given) and waits until it answers
    kernel_info. Returns (manager, client). manager_options go to the KernelManager, e.g.
    transport="ipc", ip="/tmp/dir/kernel"."""
    km = KernelManager(kernel_name=KERNEL_NAME, **manager_options)
    km.start_kernel(**({} if env is None else {"env": env}))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=startup_timeout)
    except RuntimeError:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


class Cell:
    """The outcome of one execute_request: its reply and the iopub messages it caused."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.content = reply["content"]
        self.messages = messages

    @property
    def status(self):
        return self.content["status"]

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.messages
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)

    def result(self):
        """text/plain of the execute_result, or None."""
        for m in self.messages:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"]["text/plain"]
        return None

    def error_text(self):
        return "%s: %s\n%s" % (self.content.get("ename"), self.content.get("evalue"),
                               "\n".join(self.content.get("traceback", [])))


def run(kc, code, timeout=30, allow_stdin=False, answers=()):
    """Runs one cell and waits for idle and its reply. `answers` are typed, one per input_request."""
    answers = list(answers)
    prompts = []
    messages = []

    def on_input(msg):
        prompts.append(msg["content"])
        kc.input(answers.pop(0) if answers else "")

    reply = kc.execute_interactive(code, allow_stdin=allow_stdin, timeout=timeout,
                                   output_hook=lambda m: messages.append({"msg_type": m["header"]["msg_type"],
                                                                          "content": m["content"]}),
                                   stdin_hook=on_input)
    cell = Cell(reply, messages)
    cell.prompts = prompts
    return cell
