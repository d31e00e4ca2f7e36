"""The build configuration check catches each mistake it is there for: copies of the apps'
real configuration are broken one way at a time, and the check must name the problem (and
find none in the copies as they are).

    .tools/shells/bin/python -m unittest scripts/shells/test_build_config.py
"""

import pathlib
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import build_config  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]


class BuildConfigTest(unittest.TestCase):
    def setUp(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="fabrique-config-"))
        self.android = self.dir / "android"
        self.ios = self.dir / "ios"
        shutil.copytree(ROOT / "android", self.android, ignore=shutil.ignore_patterns("build", ".gradle", "generated", "jniLibs"))
        self.ios.mkdir()
        shutil.copy(ROOT / "ios/project.yml", self.ios / "project.yml")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def problems(self) -> list[str]:
        return [what for _, _, what in build_config.check(self.android, self.ios)]

    def edit(self, path: pathlib.Path, old: str, new: str):
        text = path.read_text(encoding="utf-8")
        self.assertIn(old, text, f"{path} no longer holds {old!r}: update this test")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def assertCaught(self, words: str):
        found = self.problems()
        self.assertTrue(any(words in what for what in found), f"{words!r} not among {found}")

    def test_the_real_configuration_passes(self):
        self.assertEqual(self.problems(), [])

    def test_a_swift_version_xcode_refuses(self):
        self.edit(self.ios / "project.yml", 'SWIFT_VERSION: "5.0"', 'SWIFT_VERSION: "5.9"')
        self.assertCaught("SWIFT_VERSION '5.9'")

    def test_no_swift_version(self):
        path = self.ios / "project.yml"
        path.write_text(re.sub(r"^\s*SWIFT_VERSION:.*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
        self.assertCaught("no SWIFT_VERSION")

    def test_a_jdk_toolchain(self):
        self.edit(self.android / "core/build.gradle.kts", "java {", "kotlin {\n    jvmToolchain(17)\n}\n\njava {")
        self.assertCaught("jvmToolchain")

    def test_no_wrapper_jar(self):
        (self.android / "gradle/wrapper/gradle-wrapper.jar").unlink()
        self.assertCaught("no Gradle wrapper jar")

    def test_no_wrapper_script(self):
        (self.android / "gradlew").unlink()
        self.assertCaught("no Gradle wrapper script")

    def test_a_wrapper_script_that_does_not_run(self):
        (self.android / "gradlew").chmod(0o644)
        self.assertCaught("not executable")

    def test_cleartext_in_every_build(self):
        self.edit(
            self.android / "app/src/main/res/xml/network_security_config.xml",
            '<base-config cleartextTrafficPermitted="false" />',
            '<base-config cleartextTrafficPermitted="false" />\n    <domain-config cleartextTrafficPermitted="true"><domain>10.0.2.2</domain></domain-config>',
        )
        self.assertCaught("move it to src/debug")

    def test_cleartext_by_the_manifest(self):
        self.edit(self.android / "app/src/main/AndroidManifest.xml", "<application", '<application\n        android:usesCleartextTraffic="true"')
        self.assertCaught("usesCleartextTraffic")

    def test_arbitrary_loads_on_ios(self):
        self.edit(self.ios / "project.yml", "NSAllowsLocalNetworking: true", "NSAllowsLocalNetworking: true\n          NSAllowsArbitraryLoads: true")
        self.assertCaught("NSAllowsArbitraryLoads")

    def test_a_server_address_built_in(self):
        self.edit(
            self.android / "app/build.gradle.kts",
            "        ndk {",
            '        buildConfigField("String", "SERVER_URL", "\\"https://fabrique.example.org\\"")\n        ndk {',
        )
        self.assertCaught("one app serves every federation")


if __name__ == "__main__":
    unittest.main()
