"""Run a loaded Rasa model's graph node after node, without dask.

Rasa runs a model as a graph through dask, which rebuilds a task graph and a scheduler
for every message: about 1.5 ms per parse here, more than the classifier itself. Our
pipeline is a straight line on one thread, so ``SequentialGraphRunner`` calls the same
loaded nodes in dependency order, remembering the order for each set of targets.
Results are the same as dask's (checked in ``nlu_worker/tests/test_fast_parse.py``).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

Plan = tuple[tuple[str, tuple[str, ...]], ...]  # (node, the nodes it needs), in run order


class SequentialGraphRunner(DaskGraphRunner):
    """Rasa's graph runner with ``run`` calling the nodes in order on the caller's thread."""

    _plans: dict[tuple[str, ...], Plan]

    @classmethod
    def taking_over(cls, runner: DaskGraphRunner) -> SequentialGraphRunner:
        """A runner over ``runner``'s already loaded nodes (nothing is loaded twice)."""
        sequential = cls.__new__(cls)
        sequential.__dict__.update(runner.__dict__)
        sequential._plans = {}
        return sequential

    def run(
        self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
    ) -> dict[str, Any]:
        """Run the nodes the targets need and return the targets' outputs."""
        run_targets = list(targets or self._graph_schema.target_names)
        # Each node returns (its name, its output) and takes its inputs in that form.
        outputs: dict[str, Any] = {name: (name, value) for name, value in (inputs or {}).items()}
        for node_name, needs in self._plan(run_targets):
            missing = [need for need in needs if need not in outputs]
            if missing:
                raise GraphRunError(f"node '{node_name}' is missing its inputs {missing}")
            node = self._instantiated_nodes[node_name]
            outputs[node_name] = node(*(outputs[need] for need in needs))
        return {target: outputs[target][1] for target in run_targets}

    def _plan(self, targets: list[str]) -> Plan:
        key = tuple(targets)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._order(targets)
        return plan

    def _order(self, targets: list[str]) -> Plan:
        nodes = self._graph_schema.nodes
        order: list[tuple[str, tuple[str, ...]]] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen or name not in nodes:  # not a node: an input placeholder
                return
            seen.add(name)
            needs = tuple(nodes[name].needs.values())
            for need in needs:
                visit(need)
            order.append((name, needs))

        for target in targets:
            visit(target)
        return tuple(order)
