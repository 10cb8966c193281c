"""Questions a lower wing asks a higher one, answered by the higher wing at start-up.

Wings import one way (ARCHITECTURE.md): the registry may not import the congress
wing, nor the congress wing the counting one. When a lower wing still needs
something only a higher wing knows (how many delegates a restructuring
concerns, what a lower congress elected), it declares the question here as a
`Hook`, next to the code that asks, with what it passes and what it expects
back; the higher wing answers it in its AppConfig.ready(). The call is explicit
and synchronous, inside the caller's transaction, unlike a signal: this is
core logic, so it must not be optional or silently missing.
"""

from collections.abc import Callable


class Unanswered(LookupError):
    """No wing answered the question (its app is not installed, or its ready() did not run)."""


class Hook:
    def __init__(self, name: str):
        self.name = name
        self.answer: Callable | None = None

    def answer_with(self, fn: Callable) -> Callable:
        # One answer per question: two wings answering the same one would be a wiring mistake.
        if self.answer is not None and self.answer is not fn:
            raise ValueError(f"{self.name}: already answered by {self.answer.__qualname__}")
        self.answer = fn
        return fn

    def __call__(self, *args, **kwargs):
        if self.answer is None:
            raise Unanswered(f"{self.name}: no installed app answers this question")
        return self.answer(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"
