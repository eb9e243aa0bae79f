# The legacy shop's PHP-FPM (PHP 8 with mysqli), for compose.yaml. nginx serves its static files and passes .php here.
FROM php:8.2-fpm
RUN docker-php-ext-install mysqli
COPY legacy-php/ /var/www/legacy/
WORKDIR /var/www/legacy
