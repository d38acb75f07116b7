"""Stateful software an instance installs and runs (a database on the box, not a client).

Read from ``AWS::CloudFormation::Init`` metadata (packages and services) and from user-data
scripts. Only a *server* package or a started/enabled service counts: ``php-mysqlnd`` or the
``mariadb`` client talking to RDS do not. Returns the catalogue's names: mysql, mariadb,
postgresql, redis, mongodb.
"""

from __future__ import annotations

import re

# package names that install a server (yum/dnf/apt); a bare 'postgresql' is a client on yum
SERVER_PACKAGES = {
    "mysql": re.compile(r"^mysql\d*(-community)?-server(-\S+)?$"),
    "mariadb": re.compile(r"^mariadb\d*(-server)$|^MariaDB-server$", re.I),
    "postgresql": re.compile(r"^postgresql\d*-server$"),
    "redis": re.compile(r"^redis\d*(-server)?$"),
    "mongodb": re.compile(r"^mongodb(-org(-server)?|-server)$"),
}
SERVICES = {
    "mysql": re.compile(r"^mysqld?$"),
    "mariadb": re.compile(r"^mariadb$"),
    "postgresql": re.compile(r"^postgresql(-\d+(\.\d+)?)?$"),
    "redis": re.compile(r"^redis\d*(-server)?$"),
    "mongodb": re.compile(r"^mongod$"),
}
_INSTALL = re.compile(r"\b(?:yum|dnf|apt-get|apt)\s+(?:-\S+\s+)*install\s+([^\n;&|]+)")
_SERVICE = re.compile(r"\b(?:systemctl\s+(?:-\S+\s+)*(?:start|enable|restart)\s+([\w@.-]+)|"
                      r"service\s+([\w@.-]+)\s+(?:start|restart)|chkconfig\s+([\w@.-]+)\s+on)")


def _match(table: dict, name: str) -> str | None:
    name = name.removesuffix(".service")
    return next((software for software, pattern in table.items() if pattern.match(name)), None)


def from_init(init) -> set[str]:
    """Software from an AWS::CloudFormation::Init block (every config set)."""
    found: set[str] = set()
    if not isinstance(init, dict):
        return found
    for config in init.values():
        if not isinstance(config, dict):
            continue
        for manager in (config.get("packages") or {}).values():
            if isinstance(manager, dict):
                found.update(filter(None, (_match(SERVER_PACKAGES, str(name)) for name in manager)))
        for manager in (config.get("services") or {}).values():
            if isinstance(manager, dict):
                for name, settings in manager.items():
                    running = not isinstance(settings, dict) or any(
                        str(settings.get(key)).lower() == "true" for key in ("enabled", "ensureRunning"))
                    software = _match(SERVICES, str(name))
                    if software and running:
                        found.add(software)
        for command in (config.get("commands") or {}).values():
            if isinstance(command, dict):
                found |= from_script(str(command.get("command", "")))
    return found


def from_script(text: str) -> set[str]:
    """Software a shell script (user data, an Init command) installs as a server or starts."""
    found: set[str] = set()
    for match in _INSTALL.finditer(text):
        for word in match.group(1).split():
            software = _match(SERVER_PACKAGES, word.strip("'\""))
            if software:
                found.add(software)
    for match in _SERVICE.finditer(text):
        name = next(group for group in match.groups() if group)
        software = _match(SERVICES, name)
        if software:
            found.add(software)
    return found
