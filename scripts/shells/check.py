"""What can be checked of the iOS and Android apps on a machine that builds neither.

- every hand-written Swift and Kotlin source (and Gradle script) parses, with the
  tree-sitter grammars of both languages; the generated bindings are checked otherwise
  (regenerated and compared, and the Kotlin ones compiled by kotlinc);
- the uniffi C header of the Swift bindings is valid C (gcc -fsyntax-only);
- the XML resources, the XcodeGen project and the Swift package manifest read;
- every label the screens use exists in French and in English, on both platforms, and
  neither language has a label the other lacks;
- the build configuration (build_config.py): Swift version, JDK toolchain, Gradle wrapper,
  plain HTTP only in debug builds, no server address built in.

Prints each problem as file:line: what, and exits 1 if there is any.
"""

import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import tree_sitter
import tree_sitter_kotlin
import tree_sitter_swift
import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import build_config  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANDROID = ROOT / "android"
IOS = ROOT / "ios"
GENERATED = [ANDROID / "core/src/generated", IOS / "FabriqueCore/Sources", IOS / "SharedTypes"]
problems: list[str] = []


def problem(path: pathlib.Path, line: int, what: str) -> None:
    problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")


def hand_written(root: pathlib.Path, suffixes: tuple[str, ...]) -> list[pathlib.Path]:
    return sorted(
        p for p in root.rglob("*")
        if p.suffix in suffixes and p.is_file()
        and not any(p.is_relative_to(g) for g in GENERATED)
        and "build" not in p.relative_to(ROOT).parts
    )


def first_error(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error or current.is_missing:
            return current
        stack.extend(reversed(current.children))
    return None


def check_syntax() -> int:
    kotlin = tree_sitter.Parser(tree_sitter.Language(tree_sitter_kotlin.language()))
    swift = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    files = hand_written(ANDROID, (".kt", ".kts")) + hand_written(IOS, (".swift",))
    for path in files:
        parser = swift if path.suffix == ".swift" else kotlin
        tree = parser.parse(path.read_bytes())
        if tree.root_node.has_error:
            node = first_error(tree.root_node) or tree.root_node
            kind = "missing " + node.type if node.is_missing else "syntax error"
            problem(path, node.start_point[0] + 1, f"{kind} (column {node.start_point[1] + 1})")
    return len(files)


def check_header() -> None:
    header = IOS / "FabriqueCore/Sources/FabriqueFFIBridge/include/FabriqueFFIBridge.h"
    # Included as a Swift module includes it, with every warning an error. Clang's
    # nullability qualifiers mean nothing to gcc and are left out for it.
    source = f'#include "{header.name}"\n'
    clang_only = ["-D_Nullable=", "-D_Nonnull=", "-D_Null_unspecified="]
    result = subprocess.run(
        ["gcc", *clang_only, "-fsyntax-only", "-Wall", "-Wextra", "-Werror", "-std=c11", "-I", str(header.parent), "-x", "c", "-"],
        input=source, capture_output=True, text=True,
    )
    if result.returncode != 0:
        problem(header, 1, "the C header does not compile:\n" + result.stderr.strip())


def android_strings(folder: str) -> dict[str, str]:
    path = ANDROID / "app/src/main/res" / folder / "strings.xml"
    return {e.get("name"): e.text or "" for e in ET.parse(path).getroot()}


def ios_strings(language: str) -> dict[str, str]:
    path = IOS / "Fabrique/Resources" / f"{language}.lproj/Localizable.strings"
    entries = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("/*"):
            continue
        match = re.fullmatch(r'"((?:[^"\\]|\\.)*)"\s*=\s*"((?:[^"\\]|\\.)*)";', line)
        if not match:
            problem(path, number, "not a \"key\" = \"text\"; line")
            continue
        entries[match.group(1)] = match.group(2)
    return entries


def check_labels() -> None:
    # Android: every R.string used exists in English and French; both have the same keys.
    english, french = android_strings("values"), android_strings("values-fr")
    translatable_en = {k for k in english if k != "app_name"}
    for key in sorted(translatable_en ^ set(french)):
        problem(ANDROID / "app/src/main/res/values-fr/strings.xml", 1, f"label {key!r} is not in both languages")
    for path in hand_written(ANDROID / "app", (".kt",)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in re.findall(r"R\.string\.(\w+)", line):
                if key not in english:
                    problem(path, number, f"label {key!r} is missing from strings.xml")
    for folder in ("values", "values-fr"):
        for argument in re.findall(r"%\w", " ".join(android_strings(folder).values())):
            if argument not in ("%d", "%s"):
                problem(ANDROID / "app/src/main/res" / folder / "strings.xml", 1, f"unexpected placeholder {argument}")
    # iOS: the labels the views name, in both languages.
    english, french = ios_strings("en"), ios_strings("fr")
    for key in sorted(set(english) ^ set(french)):
        problem(IOS / "Fabrique/Resources/fr.lproj/Localizable.strings", 1, f"label {key!r} is not in both languages")
    label_call = re.compile(r'\b(?:Text|Button|TextField|SecureField|Section|Toggle|Label|DatePicker|LocalizedStringKey|tab)\("([a-z_.]+)"')
    counted = re.compile(r'\bText\("([a-z_.]+) \\\(')
    for path in hand_written(IOS / "Fabrique", (".swift",)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in label_call.findall(line):
                if key not in english:
                    problem(path, number, f"label {key!r} is missing from Localizable.strings")
            for key in counted.findall(line):
                if f"{key} %u" not in english:
                    problem(path, number, f"label '{key} %u' is missing from Localizable.strings")


def check_project_files() -> None:
    for path in sorted((ANDROID / "app/src/main").rglob("*.xml")):
        try:
            ET.parse(path)
        except ET.ParseError as error:
            problem(path, error.position[0], f"XML does not read: {error}")
    project = yaml.safe_load((IOS / "project.yml").read_text(encoding="utf-8"))
    for package in project.get("packages", {}).values():
        manifest = IOS / package["path"] / "Package.swift"
        if not manifest.is_file():
            problem(IOS / "project.yml", 1, f"package {package['path']} has no Package.swift")
    for target in project.get("targets", {}).values():
        for source in target.get("sources", []):
            if not (IOS / source["path"]).exists():
                problem(IOS / "project.yml", 1, f"source folder {source['path']} does not exist")
    swift = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    for manifest in (IOS / "FabriqueCore/Package.swift",):
        if swift.parse(manifest.read_bytes()).root_node.has_error:
            problem(manifest, 1, "syntax error")


def main() -> int:
    parsed = check_syntax()
    check_header()
    check_labels()
    check_project_files()
    for path, line, what in build_config.check(ANDROID, IOS):
        problem(path, line, what)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in the shells' sources.", file=sys.stderr)
        return 1
    print(f"{parsed} Swift and Kotlin sources parse; the C header compiles; labels exist in French and English on both platforms; the build configuration holds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
