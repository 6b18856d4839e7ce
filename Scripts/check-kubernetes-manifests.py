#!/usr/bin/env python3
"""Checks that every pod in the Kubernetes manifests of a folder runs with least privilege.

For every pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob):
  - a dedicated ServiceAccount (serviceAccountName set, not `default`) and automountServiceAccountToken:
    false, so no Kubernetes API token is mounted;
  - the pod's securityContext: runAsNonRoot, a non-zero runAsUser, seccompProfile RuntimeDefault;
and for every container and init container:
  - securityContext: runAsNonRoot, a non-zero runAsUser, readOnlyRootFilesystem, allowPrivilegeEscalation
    false, capabilities dropping ALL (and adding none), seccompProfile RuntimeDefault, not privileged;
  - cpu and memory requests and limits;
  - /tmp and every mount under /scratch backed by an emptyDir (the root file system is read-only);
and for every container of a long-running workload (Deployment, StatefulSet, DaemonSet): HTTP liveness
and readiness probes on /healthz and /readyz. kustomization.yaml must list every manifest but the
examples (*.example.yaml), and only files that exist.

Usage: check-kubernetes-manifests.py FOLDER      prints every problem, exits 1 when there is one
       check-kubernetes-manifests.py --self-test  removes each setting in turn from the manifests of
                                                  deploy/kubernetes and checks the problem is reported
"""
import copy
import glob
import os
import sys
import unittest

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LONG_RUNNING = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"}


def load(folder):
    """Returns (file name, document) for every Kubernetes object in the folder's *.yaml files."""
    documents = []
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            for document in yaml.safe_load_all(handle):
                if isinstance(document, dict) and document.get("kind") != "Kustomization":
                    documents.append((os.path.basename(path), document))
    return documents


def pod_spec(document):
    """The pod spec of a workload object, or None for objects without pods."""
    kind = document.get("kind")
    spec = document.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        return (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec")
    if kind in LONG_RUNNING or kind == "Job":
        return (spec.get("template") or {}).get("spec")
    return None


def problems_of(name, document):
    kind = document.get("kind")
    spec = pod_spec(document)
    if spec is None:
        return []
    where = f"{name}: {kind}/{(document.get('metadata') or {}).get('name')}"
    problems = []

    account = spec.get("serviceAccountName")
    if not account or account == "default":
        problems.append(f"{where}: no dedicated serviceAccountName")
    if spec.get("automountServiceAccountToken") is not False:
        problems.append(f"{where}: automountServiceAccountToken is not false")
    pod_context = spec.get("securityContext") or {}
    if pod_context.get("runAsNonRoot") is not True:
        problems.append(f"{where}: pod securityContext.runAsNonRoot is not true")
    if not pod_context.get("runAsUser"):
        problems.append(f"{where}: pod securityContext.runAsUser is missing or 0")
    if (pod_context.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        problems.append(f"{where}: pod securityContext.seccompProfile is not RuntimeDefault")
    if spec.get("hostNetwork") or spec.get("hostPID") or spec.get("hostIPC"):
        problems.append(f"{where}: shares a host namespace")

    volumes = {volume.get("name"): volume for volume in spec.get("volumes") or []}
    containers = [("container", c) for c in spec.get("containers") or []]
    containers += [("init container", c) for c in spec.get("initContainers") or []]
    for role, container in containers:
        at = f"{where} {role} {container.get('name')}"
        context = container.get("securityContext") or {}
        if context.get("runAsNonRoot") is not True:
            problems.append(f"{at}: securityContext.runAsNonRoot is not true")
        if not context.get("runAsUser"):
            problems.append(f"{at}: securityContext.runAsUser is missing or 0")
        if context.get("readOnlyRootFilesystem") is not True:
            problems.append(f"{at}: securityContext.readOnlyRootFilesystem is not true")
        if context.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{at}: securityContext.allowPrivilegeEscalation is not false")
        if context.get("privileged"):
            problems.append(f"{at}: securityContext.privileged")
        capabilities = context.get("capabilities") or {}
        if capabilities.get("drop") != ["ALL"]:
            problems.append(f"{at}: securityContext.capabilities.drop is not [ALL]")
        if capabilities.get("add"):
            problems.append(f"{at}: securityContext.capabilities.add is not empty")
        if (context.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
            problems.append(f"{at}: securityContext.seccompProfile is not RuntimeDefault")

        resources = container.get("resources") or {}
        for bound in ("requests", "limits"):
            for resource in ("cpu", "memory"):
                if not (resources.get(bound) or {}).get(resource):
                    problems.append(f"{at}: no {resource} in resources.{bound}")

        mounts = {mount.get("mountPath"): mount.get("name") for mount in container.get("volumeMounts") or []}
        if "/tmp" not in mounts:
            problems.append(f"{at}: no volume on /tmp (the root file system is read-only)")
        for path, volume in mounts.items():
            if (path == "/tmp" or path == "/scratch" or path.startswith("/scratch/")) \
                    and "emptyDir" not in volumes.get(volume, {}):
                problems.append(f"{at}: {path} is not an emptyDir")

        if kind in LONG_RUNNING:
            for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
                if ((container.get(probe) or {}).get("httpGet") or {}).get("path") != path:
                    problems.append(f"{at}: no {probe} on {path}")
    return problems


def kustomization_problems(folder, kustomization):
    """Files kustomization.yaml lists that are missing, and manifests (not *.example.yaml) it omits."""
    listed = set(kustomization.get("resources") or [])
    manifests = {os.path.basename(path) for path in glob.glob(os.path.join(folder, "*.yaml"))}
    manifests -= {"kustomization.yaml"}
    problems = [f"kustomization.yaml: lists {name}, which does not exist" for name in sorted(listed - manifests)]
    problems += [f"kustomization.yaml: does not list {name}" for name in sorted(manifests - listed)
                 if not name.endswith(".example.yaml")]
    return problems


def load_kustomization(folder):
    with open(os.path.join(folder, "kustomization.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check(documents):
    problems = []
    for name, document in documents:
        problems += problems_of(name, document)
    return problems


# MARK: - Self-test

class ManifestCheckTests(unittest.TestCase):
    """Each least-privilege setting, removed from the real manifests, must be reported."""

    folder = os.path.join(ROOT, "deploy", "kubernetes")

    def setUp(self):
        self.documents = load(self.folder)
        self.workloads = [(name, d) for name, d in self.documents if pod_spec(d) is not None]
        self.assertGreaterEqual(len(self.workloads), 4, "the lake service, workers, lifecycle and training")

    def mutated(self, change):
        """Applies change(pod spec, first container) to a copy of each workload; returns the problems."""
        reported = []
        for name, document in self.workloads:
            document = copy.deepcopy(document)
            spec = pod_spec(document)
            change(spec, spec["containers"][0])
            reported.append(problems_of(name, document))
        return reported

    def assertReported(self, change, text):
        for problems in self.mutated(change):
            self.assertTrue(any(text in problem for problem in problems), f"{text!r} not in {problems}")

    def test_the_manifests_pass(self):
        self.assertEqual(check(self.documents), [])

    def test_every_container_and_init_container_is_checked(self):
        _, job = next((name, d) for name, d in self.workloads if pod_spec(d).get("initContainers"))
        job = copy.deepcopy(job)
        del pod_spec(job)["initContainers"][-1]["securityContext"]["readOnlyRootFilesystem"]
        self.assertTrue(any("init container" in p and "readOnlyRootFilesystem" in p
                            for p in problems_of("job", job)))

    def test_pod_settings(self):
        self.assertReported(lambda s, c: s.pop("automountServiceAccountToken"), "automountServiceAccountToken")
        self.assertReported(lambda s, c: s.update(serviceAccountName="default"), "serviceAccountName")
        self.assertReported(lambda s, c: s["securityContext"].pop("runAsNonRoot"), "pod securityContext.runAsNonRoot")
        self.assertReported(lambda s, c: s["securityContext"].update(runAsUser=0), "pod securityContext.runAsUser")
        self.assertReported(lambda s, c: s["securityContext"].pop("seccompProfile"), "pod securityContext.seccomp")
        self.assertReported(lambda s, c: s.update(hostPID=True), "host namespace")

    def test_container_security_context(self):
        for field, text in (("runAsNonRoot", "runAsNonRoot"), ("runAsUser", "runAsUser"),
                            ("readOnlyRootFilesystem", "readOnlyRootFilesystem"),
                            ("allowPrivilegeEscalation", "allowPrivilegeEscalation"),
                            ("capabilities", "capabilities.drop"), ("seccompProfile", "seccompProfile")):
            self.assertReported(lambda s, c, field=field: c.__setitem__(
                "securityContext", {k: v for k, v in c["securityContext"].items() if k != field}), text)
        self.assertReported(lambda s, c: c.__setitem__("securityContext", dict(
            c["securityContext"], capabilities={"drop": ["ALL"], "add": ["NET_ADMIN"]})), "capabilities.add")
        self.assertReported(lambda s, c: c.__setitem__("securityContext", dict(
            c["securityContext"], allowPrivilegeEscalation=True)), "allowPrivilegeEscalation")

    def test_resources(self):
        self.assertReported(lambda s, c: c.__setitem__("resources", {"requests": c["resources"]["requests"]}),
                            "resources.limits")
        self.assertReported(lambda s, c: c.__setitem__("resources", dict(
            c["resources"], requests={"cpu": "1"})), "no memory in resources.requests")

    def test_scratch_volumes(self):
        def tmp_on_host(spec, container):
            name = next(m["name"] for m in container["volumeMounts"] if m["mountPath"] == "/tmp")
            spec["volumes"] = [v if v["name"] != name else {"name": name, "hostPath": {"path": "/tmp"}}
                               for v in spec["volumes"]]
        self.assertReported(tmp_on_host, "/tmp is not an emptyDir")
        self.assertReported(lambda s, c: c.__setitem__(
            "volumeMounts", [m for m in c["volumeMounts"] if m["mountPath"] != "/tmp"]), "no volume on /tmp")

    def test_kustomization_lists_every_manifest_but_the_examples(self):
        kustomization = load_kustomization(self.folder)
        self.assertEqual(kustomization_problems(self.folder, kustomization), [])
        omitted = dict(kustomization, resources=kustomization["resources"][1:])
        self.assertEqual(kustomization_problems(self.folder, omitted),
                         [f"kustomization.yaml: does not list {kustomization['resources'][0]}"])
        extra = dict(kustomization, resources=kustomization["resources"] + ["gone.yaml"])
        self.assertEqual(kustomization_problems(self.folder, extra),
                         ["kustomization.yaml: lists gone.yaml, which does not exist"])

    def test_probes_of_long_running_workloads(self):
        long_running = [(n, d) for n, d in self.workloads if d["kind"] in LONG_RUNNING]
        self.assertGreaterEqual(len(long_running), 2, "the lake service and the workers")
        for name, document in long_running:
            for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
                changed = copy.deepcopy(document)
                pod_spec(changed)["containers"][0].pop(probe)
                self.assertIn(f"no {probe} on {path}", " ".join(problems_of(name, changed)))


def main(arguments):
    if arguments == ["--self-test"]:
        result = unittest.main(argv=[sys.argv[0]], module=__name__, exit=False, verbosity=1).result
        return 0 if result.wasSuccessful() else 1
    if len(arguments) != 1 or not os.path.isdir(arguments[0]):
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    documents = load(arguments[0])
    problems = check(documents) + kustomization_problems(arguments[0], load_kustomization(arguments[0]))
    for problem in problems:
        print("check-kubernetes-manifests: " + problem, file=sys.stderr)
    pods = sum(1 for _, document in documents if pod_spec(document) is not None)
    print(f"check-kubernetes-manifests: {pods} workloads in {len(documents)} objects of {arguments[0]}: "
          + ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
