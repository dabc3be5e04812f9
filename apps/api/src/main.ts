import 'reflect-metadata';
console.log('Portfolio Ledger: under construction');
