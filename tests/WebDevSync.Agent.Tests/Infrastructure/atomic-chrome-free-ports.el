;;; atomic-chrome-free-ports.el --- Emacs's GhostText plugin (atomic-chrome) on ports the system picks  -*- lexical-binding: t -*-
;;
;; Loaded by the end-to-end tests with `emacs -Q -l'. Debian's atomic-chrome (2.0.0) listens on fixed
;; ports (4001 for GhostText's GET /, 64293 for its WebSocket); later versions have
;; `atomic-chrome-server-ghost-text-port'. Tests run side by side, so both servers are opened on a
;; port the system picks, GET / names the WebSocket's, and the HTTP port is written to the file
;; $WDS_GHOSTTEXT_PORT_FILE for the test to read. Everything else is atomic-chrome's own code.

(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'atomic-chrome)

(setq atomic-chrome-extension-type-list '(ghost-text)
      atomic-chrome-buffer-open-style 'full)

(setq atomic-chrome-server-ghost-text (atomic-chrome-start-websocket-server t))

(defun atomic-chrome-start-httpd ()
  (make-network-process :name "atomic-chrome-httpd" :family 'ipv4 :host 'local :service t
                        :filter 'atomic-chrome-httpd-process-filter :filter-multibyte nil :server t))

(defun atomic-chrome-httpd-send-response (proc)
  (when (processp proc)
    (process-send-string
     proc
     (concat "HTTP/1.0 200 OK\nContent-Type: application/json\n\n"
             (json-encode (list :ProtocolVersion 1
                                :WebSocketPort (process-contact atomic-chrome-server-ghost-text :service)))))
    (process-send-eof proc)))

(atomic-chrome-start-server)

(with-temp-file (getenv "WDS_GHOSTTEXT_PORT_FILE")
  (insert (number-to-string (process-contact (get-process "atomic-chrome-httpd") :service))))
