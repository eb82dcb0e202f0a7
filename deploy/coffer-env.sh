# Sourced by deploy/backup and deploy/restore: Coffer's COFFER_* settings from /etc/coffer/coffer.env (or
# COFFER_ENV_FILE) when readable; a variable already in the environment wins, as for the systemd unit.
env_file=${COFFER_ENV_FILE:-/etc/coffer/coffer.env}
if [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|\#*) continue ;; esac
    name=${line%%=*}; value=${line#*=}
    [[ "$name" =~ ^COFFER_[A-Z0-9_]+$ ]] || continue
    [ -n "${!name+x}" ] || export "$name=$value"
  done < "$env_file"
fi
