// The pages' passkey buttons (issue 17), served after @simplewebauthn/browser's bundle as one file,
// /static/passkeys.js, under a CSP of script-src 'self'. Only textContent is ever written: no HTML.
(function () {
  'use strict';
  var webauthn = window.SimpleWebAuthnBrowser;
  if (!webauthn || !webauthn.browserSupportsWebAuthn()) return;

  function postJson(path, body, csrfToken) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    return fetch(path, { method: 'POST', headers: headers, body: JSON.stringify(body || {}), credentials: 'same-origin' }).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch (ignored) {
          parsed = null;
        }
        return { status: response.status, body: parsed };
      });
    });
  }

  function show(element, message) {
    element.textContent = message;
    element.hidden = false;
  }

  /** The browser's own refusal (the person cancelled, or no passkey here) in words a person can act on. */
  function ceremonyFailure(error) {
    if (error && error.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
    if (error && error.name === 'InvalidStateError') return 'This device already has a passkey for your account.';
    return 'Your browser could not use a passkey.';
  }

  function setUpLogin(container) {
    var button = document.getElementById('passkey-login-button');
    var error = document.getElementById('passkey-login-error');
    container.hidden = false;
    button.addEventListener('click', function () {
      error.hidden = true;
      button.disabled = true;
      postJson('/auth/passkeys/authentication/options')
        .then(function (options) {
          if (options.status === 429) throw new Error('Too many failed attempts. Please wait and try again.');
          if (options.status !== 200) throw new Error('Signing in with a passkey is not available right now.');
          return webauthn.startAuthentication({ optionsJSON: options.body }).catch(function (failure) {
            throw new Error(ceremonyFailure(failure));
          });
        })
        .then(function (response) {
          return postJson('/auth/passkeys/authentication', { response: response });
        })
        .then(function (answer) {
          if (answer.status === 200) {
            // data-next was checked by the server (a path on this site only).
            window.location.assign(container.getAttribute('data-next') || '/dashboard');
            return;
          }
          if (answer.status === 429) throw new Error('Too many failed attempts. Please wait and try again.');
          if (answer.status === 403 && answer.body && answer.body.code === 'ACCOUNT_DISABLED') throw new Error('This account has been disabled.');
          throw new Error('That passkey was not accepted.');
        })
        .catch(function (failure) {
          show(error, failure.message);
          button.disabled = false;
        });
    });
  }

  function setUpAccount(form) {
    var error = document.getElementById('passkey-add-error');
    var unavailable = document.getElementById('passkey-add-unavailable');
    var csrfToken = form.getAttribute('data-csrf');
    form.hidden = false;
    if (unavailable) unavailable.hidden = true;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button');
      var name = document.getElementById('passkey-name').value.trim();
      error.hidden = true;
      button.disabled = true;
      postJson('/auth/passkeys/registration/options', {}, csrfToken)
        .then(function (options) {
          if (options.status === 403 && options.body && options.body.code === 'REAUTH_REQUIRED') {
            window.location.assign('/reauthenticate?next=/account');
            return null;
          }
          if (options.status !== 200) throw new Error('Adding a passkey is not available right now.');
          return webauthn.startRegistration({ optionsJSON: options.body }).then(
            function (response) {
              var body = { response: response };
              if (name) body.name = name;
              return postJson('/auth/passkeys/registration', body, csrfToken);
            },
            function (failure) {
              throw new Error(ceremonyFailure(failure));
            },
          );
        })
        .then(function (answer) {
          if (answer === null) return;
          if (answer.status === 201) {
            window.location.assign('/account#passkeys');
            window.location.reload();
            return;
          }
          if (answer.status === 409) throw new Error('This passkey is already registered.');
          throw new Error('The passkey could not be added. Please try again.');
        })
        .catch(function (failure) {
          show(error, failure.message);
          button.disabled = false;
        });
    });
  }

  var login = document.getElementById('passkey-login');
  if (login) setUpLogin(login);
  var add = document.getElementById('passkey-add');
  if (add) setUpAccount(add);
})();
