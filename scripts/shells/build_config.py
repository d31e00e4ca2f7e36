"""The apps' build configuration, read as Xcode, Gradle and Android Studio will read it.

Each check is a mistake that once stopped a developer following the README on a fresh Mac
or a fresh Android Studio, or a setting that must never reach a release:

- a `SWIFT_VERSION` Xcode does not accept (it takes 4.0, 4.2, 5.0 and 6.0, not "5.9");
- a Gradle JDK toolchain (`jvmToolchain(…)`): with no toolchain resolver, a build under
  Android Studio's bundled JDK fails with "no matching toolchain";
- no Gradle wrapper (the `gradlew` scripts and `gradle-wrapper.jar`): nothing builds from a
  terminal or a CI;
- plain HTTP allowed outside debug builds (Android's `usesCleartextTraffic` or a network
  security config of the main source set that permits it; iOS's `NSAllowsArbitraryLoads`);
- a server address built into the apps (one app serves every federation).

`check(android, ios)` returns the problems as (file, line, what); `check.py` prints them,
and `test_build_config.py` feeds it broken copies to show each one is caught.
"""

import pathlib
import re
import xml.etree.ElementTree as ET
import zipfile

import yaml

ACCEPTED_SWIFT_VERSIONS = {"4.0", "4.2", "5.0", "6.0"}
ANDROID_NS = "{http://schemas.android.com/apk/res/android}"

Problem = tuple[pathlib.Path, int, str]


def line_of(path: pathlib.Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    return 1


def swift_versions(node, where: str = ""):
    """Every SWIFT_VERSION under a project.yml node, with where it was found."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "SWIFT_VERSION":
                yield where, str(value)
            else:
                yield from swift_versions(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from swift_versions(value, f"{where}[{index}]")


def check_ios(ios: pathlib.Path) -> list[Problem]:
    problems: list[Problem] = []
    path = ios / "project.yml"
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    versions = list(swift_versions(project))
    if not versions:
        problems.append((path, 1, "no SWIFT_VERSION: Xcode picks one the code may not be written for"))
    for where, version in versions:
        if version not in ACCEPTED_SWIFT_VERSIONS:
            accepted = ", ".join(sorted(ACCEPTED_SWIFT_VERSIONS))
            problems.append(
                (path, line_of(path, f"SWIFT_VERSION: {version}") if version else 1,
                 f"SWIFT_VERSION {version!r} at {where}: Xcode accepts only {accepted}")
            )
    for name, target in (project.get("targets") or {}).items():
        properties = ((target.get("info") or {}).get("properties") or {})
        transport = properties.get("NSAppTransportSecurity") or {}
        if transport.get("NSAllowsArbitraryLoads"):
            problems.append(
                (path, line_of(path, "NSAllowsArbitraryLoads"),
                 f"target {name} allows plain HTTP everywhere (NSAllowsArbitraryLoads); only NSAllowsLocalNetworking for development")
            )
        if "FabriqueServerURL" in properties:
            problems.append(
                (path, line_of(path, "FabriqueServerURL"),
                 f"target {name} builds a server address in: one app serves every federation")
            )
    return problems


def check_gradle(android: pathlib.Path) -> list[Problem]:
    problems: list[Problem] = []
    for script in sorted(android.rglob("*.gradle.kts")):
        if "/build/" in script.as_posix():
            continue
        text = script.read_text(encoding="utf-8")
        for pattern, what in (
            (r"\bjvmToolchain\s*\(", "jvmToolchain(…)"),
            (r"\btoolchain\s*\{", "a java toolchain { … }"),
        ):
            match = re.search(pattern, text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(
                    (script, line,
                     f"{what} asks for a JDK Android Studio's bundled one may not be (no toolchain resolver): "
                     "set sourceCompatibility/targetCompatibility and jvmTarget instead")
                )
        match = re.search(r'buildConfigField\([^)]*"SERVER_URL"', text)
        if match:
            problems.append(
                (script, text.count("\n", 0, match.start()) + 1,
                 "a server address built into the app: one app serves every federation")
            )
    return problems


def check_wrapper(android: pathlib.Path) -> list[Problem]:
    problems: list[Problem] = []
    script = android / "gradlew"
    if not script.is_file():
        problems.append((script, 1, "no Gradle wrapper script: `./gradlew` is how the README builds from a terminal"))
    else:
        if not script.stat().st_mode & 0o111:
            problems.append((script, 1, "the Gradle wrapper script is not executable"))
        if "gradle-wrapper.jar" not in script.read_text(encoding="utf-8", errors="replace"):
            problems.append((script, 1, "this gradlew does not start the wrapper jar"))
    if not (android / "gradlew.bat").is_file():
        problems.append((android / "gradlew.bat", 1, "no Gradle wrapper script for Windows"))
    jar = android / "gradle/wrapper/gradle-wrapper.jar"
    if not jar.is_file():
        problems.append((jar, 1, "no Gradle wrapper jar: gradlew cannot start"))
    else:
        try:
            with zipfile.ZipFile(jar) as archive:
                if "org/gradle/wrapper/GradleWrapperMain.class" not in archive.namelist():
                    problems.append((jar, 1, "this jar holds no Gradle wrapper"))
        except zipfile.BadZipFile:
            problems.append((jar, 1, "the Gradle wrapper jar is not a jar"))
    properties = android / "gradle/wrapper/gradle-wrapper.properties"
    text = properties.read_text(encoding="utf-8") if properties.is_file() else ""
    if not re.search(r"^distributionUrl=https\\?://services\.gradle\.org/distributions/gradle-[\d.]+-(bin|all)\.zip$", text, re.M):
        problems.append((properties, 1, "no Gradle distribution for the wrapper to fetch (distributionUrl)"))
    return problems


def check_cleartext(android: pathlib.Path) -> list[Problem]:
    """Plain HTTP only in debug builds: the main source set allows none."""
    problems: list[Problem] = []
    main = android / "app/src/main"
    manifest = main / "AndroidManifest.xml"
    application = ET.parse(manifest).getroot().find("application")
    if application is not None:
        if application.get(f"{ANDROID_NS}usesCleartextTraffic") == "true":
            problems.append((manifest, line_of(manifest, "usesCleartextTraffic"),
                             "plain HTTP allowed in every build (usesCleartextTraffic): only debug builds may"))
        config = application.get(f"{ANDROID_NS}networkSecurityConfig")
        if config is None and application.get(f"{ANDROID_NS}usesCleartextTraffic") is None:
            problems.append((manifest, 1, "no network security config: say HTTPS only, and allow development HTTP in src/debug"))
        if config:
            path = main / "res/xml" / (config.removeprefix("@xml/") + ".xml")
            if not path.is_file():
                problems.append((manifest, line_of(manifest, "networkSecurityConfig"), f"{config} does not exist in the main source set"))
            else:
                for element in ET.parse(path).getroot().iter():
                    if element.get("cleartextTrafficPermitted") == "true":
                        problems.append((path, line_of(path, 'cleartextTrafficPermitted="true"'),
                                         f"plain HTTP permitted ({element.tag}) in every build: move it to src/debug"))
    return problems


def check(android: pathlib.Path, ios: pathlib.Path) -> list[Problem]:
    return check_ios(ios) + check_gradle(android) + check_wrapper(android) + check_cleartext(android)
