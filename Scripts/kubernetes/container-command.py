#!/usr/bin/env python3
"""Prints how a container of a deploy/kubernetes manifest runs, so Scripts/check-image.sh can run exactly
that from the image's root file system: its environment as NAME=VALUE, then a line "--", then its
arguments, one per line (no value may contain a newline).

Usage: container-command.py MANIFEST CONTAINER [--secret NAME=VALUE]... [--node NAME] [--pod NAME]
                            [--replace OLD=>NEW]...

Values come the way the kubelet resolves them: `value` as written; `secretKeyRef` from --secret (the
Secret's name, one key per Secret here; an `optional` one with no --secret is left unset, as the kubelet
leaves it when the Secret does not exist); `fieldRef` from the pod template (metadata.name is --pod,
metadata.namespace the object's namespace, spec.nodeName --node, spec.serviceAccountName and
metadata.annotations['…'] as the template says). --replace OLD=>NEW rewrites OLD inside an argument (a
service URL to a loopback one; write --replace=--flag=…=>… when OLD starts with a dash). Anything else (configMapKeyRef, resourceFieldRef, envFrom) is an error: the check
would no longer run what the manifest says.
"""

import argparse
import re
import sys

import yaml


def template_of(document):
    spec = document.get("spec", {})
    if document.get("kind") == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]


def field(path, template, namespace, pod, node):
    annotation = re.fullmatch(r"metadata\.annotations\['([^']+)'\]", path)
    if annotation:
        return template["metadata"]["annotations"][annotation.group(1)]
    values = {
        "metadata.name": pod,
        "metadata.namespace": namespace,
        "spec.nodeName": node,
        "spec.serviceAccountName": template["spec"].get("serviceAccountName", "default"),
    }
    if path not in values:
        sys.exit(f"container-command: fieldRef {path} is not resolved here")
    return values[path]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("container")
    parser.add_argument("--secret", action="append", default=[])
    parser.add_argument("--replace", action="append", default=[])
    parser.add_argument("--pod", default="check-image-pod")
    parser.add_argument("--node", default="check-image-node")
    options = parser.parse_args()
    secrets = dict(entry.split("=", 1) for entry in options.secret)
    replacements = []
    for entry in options.replace:
        if "=>" not in entry:
            sys.exit(f"container-command: --replace {entry} is not OLD=>NEW")
        replacements.append(entry.split("=>", 1))

    with open(options.manifest) as file:
        documents = [document for document in yaml.safe_load_all(file) if document]
    for document in documents:
        if "spec" not in document or document.get("kind") not in ("Job", "CronJob", "Deployment"):
            continue
        template = template_of(document)
        namespace = document["metadata"].get("namespace", "default")
        containers = template["spec"].get("initContainers", []) + template["spec"]["containers"]
        for container in containers:
            if container["name"] != options.container:
                continue
            if "envFrom" in container and any(not source.get("secretRef", {}).get("optional") for source in container["envFrom"]):
                sys.exit("container-command: envFrom with a required source is not resolved here")
            lines = []
            for variable in container.get("env", []):
                if "value" in variable:
                    value = variable["value"]
                elif "secretKeyRef" in variable.get("valueFrom", {}):
                    reference = variable["valueFrom"]["secretKeyRef"]
                    name = reference["name"]
                    if name not in secrets:
                        if reference.get("optional"):
                            continue  # the kubelet leaves an optional variable of a missing Secret unset
                        sys.exit(f"container-command: no --secret {name}=… for {variable['name']}")
                    value = secrets[name]
                elif "fieldRef" in variable.get("valueFrom", {}):
                    value = field(variable["valueFrom"]["fieldRef"]["fieldPath"], template, namespace,
                                  options.pod, options.node)
                else:
                    sys.exit(f"container-command: {variable['name']} has a source not resolved here")
                lines.append(f"{variable['name']}={value}")
            lines.append("--")
            for argument in container.get("command", [])[1:] + container.get("args", []):
                for old, new in replacements:
                    if old in argument:
                        argument = argument.replace(old, new)
                lines.append(argument)
            if any("\n" in line for line in lines):
                sys.exit("container-command: a value holds a newline")
            print("\n".join(lines))
            return
    sys.exit(f"container-command: no container {options.container} in {options.manifest}")


if __name__ == "__main__":
    main()
