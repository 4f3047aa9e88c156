"""`make lint`: fail on any import cycle in server/ (imports inside functions count too), and on
a view that imports another view (what two views share belongs in a kind, a service or a schema).

grimp (the graph behind import-linter) reads every module's imports without running them; an
import a → b closes a cycle when b reaches a again. Each cycle is printed once, shortest path."""

import sys

import grimp


def cycles(package: str) -> list[tuple[str, ...]]:
    graph = grimp.build_graph(package)
    found = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycle = (importer, *back)  # importer → imported → … → importer
                start = cycle.index(min(cycle[:-1]))  # one spelling per cycle
                found.add(cycle[start:-1] + cycle[:start + 1])
    return sorted(found)


def views_importing_views(package: str) -> list[tuple[str, str]]:
    graph = grimp.build_graph(package)
    return sorted((importer, imported) for importer in graph.modules
                  if importer.endswith(".views")
                  for imported in graph.find_modules_directly_imported_by(importer)
                  if imported.endswith(".views"))


if __name__ == "__main__":
    package = sys.argv[1] if len(sys.argv) > 1 else "server"
    found = cycles(package)
    for cycle in found:
        print("import cycle: " + " -> ".join(cycle))
    print(f"{len(found)} import cycle(s) in {package}")
    crossed = views_importing_views(package)
    for importer, imported in crossed:
        print(f"a view imports another view: {importer} -> {imported}")
    sys.exit(1 if found or crossed else 0)
