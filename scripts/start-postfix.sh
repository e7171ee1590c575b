#!/usr/bin/env bash
# Starts Debian's Postfix on 127.0.0.1 as the real SMTP peer of the tester tests:
#   25  plain SMTP with STARTTLS offered;
#   587 submission: STARTTLS, AUTH offered only after TLS;
#   465 submissions: TLS from the first byte (wrapper mode).
# Uses the snakeoil certificate from ssl-cert. Needs root. Safe to run again.
set -euo pipefail

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
for p in postfix ssl-cert libsasl2-modules; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "postfix postfix/main_mailer_type select Local only" | $SUDO debconf-set-selections
  echo "postfix postfix/mailname string portal-test.invalid" | $SUDO debconf-set-selections
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -f /etc/ssl/certs/ssl-cert-snakeoil.pem ] || make-ssl-cert generate-default-snakeoil --force-overwrite

postconf -e \
  "inet_interfaces = 127.0.0.1" \
  "inet_protocols = ipv4" \
  "myhostname = portal-test.invalid" \
  "mydestination = localhost" \
  "maillog_file = /var/log/postfix.log" \
  "smtpd_tls_cert_file = /etc/ssl/certs/ssl-cert-snakeoil.pem" \
  "smtpd_tls_key_file = /etc/ssl/private/ssl-cert-snakeoil.key" \
  "smtpd_tls_security_level = may" \
  "smtpd_tls_auth_only = yes"

# SASL needs an authentication backend to advertise mechanisms: Cyrus saslauthd via a static config.
postconf -e "smtpd_sasl_type = cyrus" "smtpd_sasl_path = smtpd" "cyrus_sasl_config_path = /etc/postfix/sasl"
mkdir -p /etc/postfix/sasl
printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' > /etc/postfix/sasl/smtpd.conf

postconf -M "submission/inet=submission inet n - y - - smtpd"
postconf -P "submission/inet/syslog_name=postfix/submission" \
            "submission/inet/smtpd_tls_security_level=encrypt" \
            "submission/inet/smtpd_sasl_auth_enable=yes" \
            "submission/inet/smtpd_tls_auth_only=yes"
postconf -M "submissions/inet=submissions inet n - y - - smtpd"
postconf -P "submissions/inet/syslog_name=postfix/submissions" \
            "submissions/inet/smtpd_tls_wrappermode=yes" \
            "submissions/inet/smtpd_sasl_auth_enable=yes"

postfix check
if postfix status >/dev/null 2>&1; then postfix reload; else postfix start; fi

# Wait until all three ports accept connections.
for port in 25 587 465; do
  for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
    sleep 0.2
  done
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "postfix is not listening on 127.0.0.1:$port"; tail -20 /var/log/postfix.log; exit 1; }
done
echo "postfix listening on 127.0.0.1:25, 587 and 465"
